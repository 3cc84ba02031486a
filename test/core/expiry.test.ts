import { describe, expect, test } from 'vitest';
import { createConsentCore } from '../../src/core/createConsentCore';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import { DAY, makeCore } from './fakes';

describe('a decision lasts 6 months by default (CNIL), then the banner asks again', () => {
  test('valid until 182 days have passed, expired at 182 days', () => {
    const { core, clock } = makeCore();
    const first = core.acceptAll();
    expect(core.get()?.expiresAt).toBe(new Date(clock.now() + 182 * DAY).toISOString());
    clock.advance(182 * DAY - 1);
    expect(core.has('analytics')).toBe(true);
    clock.advance(1);
    expect(core.get()).toBeNull();
    expect(core.has('analytics')).toBe(false);
    expect(core.promptReason()).toBe('expired');
    const again = core.rejectAll();
    expect(again).toMatchObject({ reason: 'expired', previous: first.id, subject: first.subject });
  });

  test('refusals expire too', () => {
    const { core, clock } = makeCore();
    core.rejectAll();
    clock.advance(182 * DAY);
    expect(core.promptReason()).toBe('expired');
  });

  test('a custom length applies, and the cookie is kept as long', () => {
    const { core, clock, slot } = makeCore({ cookie: { maxAgeDays: 30 } });
    core.acceptAll();
    expect(slot.maxAgeDays).toBe(30);
    clock.advance(30 * DAY - 1);
    expect(core.promptReason()).toBeNull();
    clock.advance(1);
    expect(core.promptReason()).toBe('expired');
  });

  test('the cookie gone but the receipts kept still counts as expired, not a first visit', () => {
    const { core, slot, store, clock } = makeCore();
    const first = core.acceptAll();
    slot.remove();
    const later = createConsentCore(normalizeConfig({}).config, { slot, store, clock });
    expect(later.promptReason()).toBe('expired');
    expect(later.rejectAll()).toMatchObject({ subject: first.subject, previous: first.id, reason: 'expired' });
  });

  test('a decision dated in the future was not written by us', () => {
    const { core, clock } = makeCore();
    core.acceptAll();
    clock.advance(-2 * DAY);
    expect(core.get()).toBeNull();
  });
});

describe('a new policy version asks again', () => {
  test('the old decision no longer counts; the new receipt links the old one', () => {
    const old = makeCore({ policyVersion: '2018-05-24' });
    const first = old.core.acceptAll();
    const renewed = createConsentCore(normalizeConfig({ policyVersion: '2026-11-01' }).config, { slot: old.slot, store: old.store, clock: old.clock });
    expect(renewed.get()).toBeNull();
    expect(renewed.has('analytics')).toBe(false);
    expect(renewed.promptReason()).toBe('policy-changed');
    const receipt = renewed.save({ analytics: true });
    expect(receipt).toMatchObject({ previous: first.id, subject: first.subject, reason: 'policy-changed', policy: { version: '2026-11-01' } });
    expect(renewed.save({ marketing: true })).not.toHaveProperty('reason');
  });
});

describe('a category added by the site asks again', () => {
  test('the decision stands for the categories it covered; the next receipt says why it was asked', () => {
    const old = makeCore();
    const first = old.core.save({ analytics: true });
    const config = normalizeConfig({ categories: { support: { label: 'Support chat' } } }).config;
    const grown = createConsentCore(config, { slot: old.slot, store: old.store, clock: old.clock });
    expect(grown.get()?.categories).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false, support: false });
    expect(grown.promptReason()).toBe('new-category');
    expect(grown.save({ support: true })).toMatchObject({ previous: first.id, reason: 'new-category' });
    expect(grown.promptReason()).toBeNull();
  });

  test('a site category named like an Object property is not taken as already asked', () => {
    const old = makeCore();
    old.core.acceptAll();
    const config = normalizeConfig({ categories: { constructor: { label: 'Odd name' } } }).config;
    const grown = createConsentCore(config, { slot: old.slot, store: old.store, clock: old.clock });
    expect(grown.promptReason()).toBe('new-category');
    expect(grown.has('constructor')).toBe(false);
  });
});

describe('the receipt chain', () => {
  test('each receipt links the previous one of the same subject, across page loads', () => {
    const { core, slot, store, clock } = makeCore();
    const a = core.acceptAll();
    const b = core.withdraw('marketing');
    const reloaded = createConsentCore(normalizeConfig({}).config, { slot, store, clock });
    expect(reloaded.get()?.categories).toMatchObject({ analytics: true, marketing: false });
    const c = reloaded.rejectAll();
    expect([a.previous, b.previous, c.previous]).toEqual([null, a.id, b.id]);
    expect(new Set([a.subject, b.subject, c.subject]).size).toBe(1);
    expect(reloaded.receipts().map((r) => r.id)).toEqual([a.id, b.id, c.id]);
  });

  test('shownHash digests the texts shown, so different wordings differ', () => {
    let shown = 'We use cookies';
    const { core } = makeCore({}, { shownText: () => shown });
    const one = core.acceptAll();
    shown = 'We use cookies.';
    const two = core.acceptAll();
    expect(one.shownHash).toMatch(/^[0-9a-f]{16}$/);
    expect(two.shownHash).not.toBe(one.shownHash);
  });

  test('forget() drops the decision, the subject and the local receipts', () => {
    const { core, slot } = makeCore();
    const first = core.acceptAll();
    const changes: string[][] = [];
    core.on('change', ({ revoked }) => changes.push(revoked));
    core.forget();
    expect(slot.value).toBeNull();
    expect(core.receipts()).toEqual([]);
    expect(changes).toEqual([['preferences', 'analytics', 'marketing']]);
    expect(core.promptReason()).toBe('first-visit');
    expect(core.acceptAll().subject).not.toBe(first.subject);
  });
});

describe('another tab', () => {
  test('reload() picks up a decision written by another tab and announces it', () => {
    const a = makeCore();
    const b = createConsentCore(normalizeConfig({}).config, { slot: a.slot, store: a.store, clock: a.clock });
    const changes: string[][] = [];
    b.on('change', ({ granted }) => changes.push(granted));
    a.core.save({ analytics: true });
    expect(b.has('analytics')).toBe(false);
    b.reload();
    expect(b.has('analytics')).toBe(true);
    b.reload();
    expect(changes).toEqual([['analytics']]);
  });
});
