import { describe, expect, test } from 'vitest';
import { makeCore } from './fakes';

describe('before any choice (opt-in)', () => {
  test('nothing but necessary is granted and the banner must ask', () => {
    const { core } = makeCore();
    expect(core.get()).toBeNull();
    expect(core.has('necessary')).toBe(true);
    expect(['preferences', 'analytics', 'marketing'].map((c) => core.has(c))).toEqual([false, false, false]);
    expect(core.promptReason()).toBe('first-visit');
    expect(core.receipts()).toEqual([]);
  });

  test('an unknown category is never granted', () => {
    const { core } = makeCore();
    core.acceptAll();
    expect(core.has('support')).toBe(false);
    expect(core.has(['analytics', 'support'])).toBe(false);
  });
});

describe('every transition records a receipt and returns it', () => {
  test('accept all grants every category, a site category included', () => {
    const { core } = makeCore({ policyVersion: '2018-05-24', policyUrl: '/privacy', categories: { support: { label: 'Support chat' } } });
    const receipt = core.acceptAll();
    expect(receipt).toMatchObject({
      action: 'accept-all',
      source: 'api',
      categories: { necessary: true, preferences: true, analytics: true, marketing: true, support: true },
      policy: { version: '2018-05-24', url: '/privacy' },
      language: 'en',
      previous: null,
      gpc: false,
      reason: 'first-visit',
    });
    expect(receipt.id).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(receipt.subject).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(receipt.timestamp).toBe('2026-11-29T16:00:00.000Z');
    expect(core.get()).toMatchObject({ subject: receipt.subject, receipt: receipt.id, policyVersion: '2018-05-24' });
    expect(core.promptReason()).toBeNull();
  });

  test('reject all and dismiss refuse every optional category; dismiss comes from the banner', () => {
    const { core } = makeCore();
    expect(core.rejectAll({ source: 'banner' })).toMatchObject({ action: 'reject-all', source: 'banner', categories: { necessary: true, preferences: false, analytics: false, marketing: false } });
    expect(core.dismiss()).toMatchObject({ action: 'dismiss', source: 'banner', categories: { analytics: false } });
    expect(core.has('analytics')).toBe(false);
    expect(core.get()).not.toBeNull();
  });

  test('save changes only the categories it names; necessary cannot be refused', () => {
    const { core } = makeCore();
    core.save({ analytics: true });
    const receipt = core.save({ marketing: true, necessary: false }, { source: 'preferences' });
    expect(receipt).toMatchObject({ action: 'save', source: 'preferences', categories: { necessary: true, preferences: false, analytics: true, marketing: true } });
  });

  test('save reports an unknown category and grants nothing for it', () => {
    const { core } = makeCore();
    const errors: string[] = [];
    core.on('error', (e) => errors.push(e.message));
    const receipt = core.save({ bogus: true, analytics: true });
    expect(receipt.categories).not.toHaveProperty('bogus');
    expect(errors).toEqual(['unknown category or service "bogus"; ignored']);
  });

  test('withdraw one, several, or (no argument) every optional category', () => {
    const { core } = makeCore();
    core.acceptAll();
    expect(core.withdraw('marketing')).toMatchObject({ action: 'withdraw', categories: { analytics: true, preferences: true, marketing: false } });
    core.acceptAll();
    expect(core.withdraw('analytics', 'preferences', { source: 'settings-button' })).toMatchObject({
      source: 'settings-button',
      categories: { analytics: false, preferences: false, marketing: true },
    });
    core.acceptAll();
    expect(core.withdraw().categories).toEqual({ necessary: true, preferences: false, analytics: false, marketing: false });
  });

  test('withdrawing necessary is refused and reported', () => {
    const { core } = makeCore();
    core.acceptAll();
    const errors: string[] = [];
    core.on('error', (e) => errors.push(e.code));
    expect(core.withdraw('necessary').categories.necessary).toBe(true);
    expect(errors).toEqual(['category']);
  });
});

describe('events', () => {
  test('consent, change and withdraw fire in that order with what changed', () => {
    const { core } = makeCore();
    const seen: string[] = [];
    core.on('consent', ({ receipt }) => seen.push(`consent:${receipt.action}`));
    core.on('change', ({ granted, revoked }) => seen.push(`change:+${granted.join(',')}-${revoked.join(',')}`));
    core.on('withdraw', ({ categories }) => seen.push(`withdraw:${categories.join(',')}`));
    core.save({ analytics: true });
    core.save({ analytics: true });
    core.withdraw('analytics');
    expect(seen).toEqual([
      'consent:save',
      'change:+analytics-',
      'consent:save',
      'consent:withdraw',
      'change:+-analytics',
      'withdraw:analytics',
    ]);
  });

  test('on() returns an unsubscribe function', () => {
    const { core } = makeCore();
    const actions: string[] = [];
    const off = core.on('consent', ({ receipt }) => actions.push(receipt.action));
    core.acceptAll();
    off();
    core.rejectAll();
    expect(actions).toEqual(['accept-all']);
  });

  test('a throwing listener stops nobody and is reported as an error event', () => {
    const { core } = makeCore();
    const calls: string[] = [];
    const errors: string[] = [];
    core.on('error', (e) => errors.push(`${e.code}: ${e.message}`));
    core.on('consent', () => {
      throw new Error('boom');
    });
    core.on('consent', () => calls.push('second listener'));
    const receipt = core.acceptAll();
    expect(receipt.action).toBe('accept-all');
    expect(calls).toEqual(['second listener']);
    expect(errors).toEqual(['listener: a "consent" listener threw']);
  });

  test('a throwing error listener does not loop', () => {
    const { core } = makeCore();
    core.on('error', () => {
      throw new Error('again');
    });
    expect(() => core.reportError('x', 'y')).not.toThrow();
  });
});

describe('whenGranted', () => {
  test('runs now when granted, else once on the grant, never twice', () => {
    const { core } = makeCore();
    const runs: string[] = [];
    core.whenGranted('analytics', () => runs.push('later'));
    core.save({ marketing: true });
    expect(runs).toEqual([]);
    core.save({ analytics: true });
    core.withdraw('analytics');
    core.save({ analytics: true });
    expect(runs).toEqual(['later']);
    core.whenGranted('analytics', () => runs.push('now'));
    expect(runs).toEqual(['later', 'now']);
  });

  test('can be cancelled, and a throwing callback is reported', () => {
    const { core } = makeCore();
    const runs: string[] = [];
    const errors: string[] = [];
    core.on('error', (e) => errors.push(e.message));
    const cancel = core.whenGranted('marketing', () => runs.push('cancelled'));
    cancel();
    core.whenGranted('marketing', () => {
      throw new Error('tag failed');
    });
    core.acceptAll();
    expect(runs).toEqual([]);
    expect(errors).toEqual(['a whenGranted callback threw']);
  });
});

describe('Global Privacy Control', () => {
  test('accept all keeps marketing refused; an explicit switch grants it; receipts say gpc', () => {
    const { core } = makeCore({}, { gpc: true });
    const accepted = core.acceptAll();
    expect(accepted.categories).toMatchObject({ analytics: true, marketing: false });
    expect(accepted.gpc).toBe(true);
    expect(core.save({ marketing: true }).categories.marketing).toBe(true);
  });

  test('gpc: "ignore" records the signal but does not apply it', () => {
    const { core } = makeCore({ gpc: 'ignore' }, { gpc: true });
    expect(core.acceptAll()).toMatchObject({ gpc: true, categories: { marketing: true } });
  });
});
