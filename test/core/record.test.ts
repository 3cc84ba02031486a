import { describe, expect, test } from 'vitest';
import { decodeRecord } from '../../src/core/record';
import { createMemorySlot, makeCore } from './fakes';

const good = { v: 1, sub: 'V1StGXR8_Z5jdHi6B-myT', ts: 1764432000000, pv: '2018-05-24', rid: 'Uakgb_J5m9g-0JDMbcJqL', gpc: 0, c: { necessary: 1, analytics: 1, marketing: 0 } };

describe('the stored decision (cookie value)', () => {
  test('round-trips in the documented format', () => {
    expect(decodeRecord(JSON.stringify(good))).toEqual(good);
    const { core } = makeCore({}, { slot: createMemorySlot(JSON.stringify({ ...good, ts: Date.parse('2026-11-29T15:00:00.000Z'), pv: '1' })) });
    expect(core.get()).toEqual({
      subject: good.sub,
      categories: { necessary: true, preferences: false, analytics: true, marketing: false },
      services: {},
      policyVersion: '1',
      decidedAt: '2026-11-29T15:00:00.000Z',
      expiresAt: '2027-05-30T15:00:00.000Z',
      receipt: good.rid,
      gpc: false,
    });
  });

  test('a decision is written in the documented format, keys in order', () => {
    const { core, slot } = makeCore({ policyVersion: '2018-05-24' });
    const receipt = core.save({ analytics: true });
    expect(slot.value).toBe(JSON.stringify({
      v: 1, sub: receipt.subject, ts: Date.parse(receipt.timestamp), pv: '2018-05-24', rid: receipt.id, gpc: 0,
      c: { necessary: 1, preferences: 0, analytics: 1, marketing: 0 },
      s: {},
    }));
  });

  const corrupt: Array<[string, unknown]> = [
    ['not JSON', '{"v":1,'],
    ['JSON null', 'null'],
    ['a number', '42'],
    ['an array', '[1,2]'],
    ['another version', JSON.stringify({ ...good, v: 2 })],
    ['a subject with HTML', JSON.stringify({ ...good, sub: '<img src=x onerror=alert(1)>' })],
    ['a string timestamp', JSON.stringify({ ...good, ts: '1764432000000' })],
    ['a negative timestamp', JSON.stringify({ ...good, ts: -5 })],
    ['a category set to "yes"', JSON.stringify({ ...good, c: { necessary: 1, analytics: 'yes' } })],
    ['necessary refused', JSON.stringify({ ...good, c: { necessary: 0 } })],
    ['a category id with spaces', JSON.stringify({ ...good, c: { necessary: 1, 'a b': 1 } })],
    ['an oversized value', JSON.stringify({ ...good, pad: 'x'.repeat(5000) })],
    ['a __proto__ key', '{"v":1,"sub":"V1StGXR8_Z5jdHi6B-myT","ts":1,"pv":"1","rid":"Uakgb_J5m9g-0JDMbcJqL","gpc":0,"c":{"necessary":1,"__proto__":1}}'],
    ['undefined', undefined],
  ];
  test.each(corrupt)('%s counts as no decision and does not throw', (_name, raw) => {
    expect(decodeRecord(raw as string)).toBeNull();
    const { core } = makeCore({}, { slot: createMemorySlot(raw as string) });
    expect(core.get()).toBeNull();
    expect(core.has('analytics')).toBe(false);
    expect(core.promptReason()).toBe('first-visit');
  });

  test('a tampered record granting a category it never had does not survive a policy check', () => {
    const { core } = makeCore({ policyVersion: '2' }, { slot: createMemorySlot(JSON.stringify({ ...good, c: { necessary: 1, marketing: 1 } })) });
    expect(core.has('marketing')).toBe(false);
  });
});

describe('storage that throws', () => {
  test('decisions still work for the page view and nothing throws', () => {
    const throwing = { get: () => { throw new Error('denied'); }, set: () => { throw new Error('denied'); }, remove: () => { throw new Error('denied'); } };
    const { core } = makeCore({}, { store: throwing });
    expect(() => core.acceptAll()).not.toThrow();
    expect(core.has('analytics')).toBe(true);
    expect(core.receipts()).toEqual([]);
  });
});
