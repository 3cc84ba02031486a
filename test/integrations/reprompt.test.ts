import { describe, expect, test } from 'vitest';
import { createBrowserFakes, DAY, makeCore } from './fakes';

describe('expiry', () => {
  test('a decision stands for 182 days, then the visitor is asked again and the new receipt links the old one', () => {
    const browser = createBrowserFakes();
    const first = makeCore({}, browser).core.rejectAll({ source: 'banner' });
    expect(first.reason).toBe('first-visit');
    expect(first.previous).toBeNull();

    browser.clock.advance(182 * DAY - 1);
    const lastDay = makeCore({}, browser).core;
    expect(lastDay.promptReason()).toBeNull();
    expect(lastDay.get()?.receipt).toBe(first.id);

    browser.clock.advance(1);
    const expired = makeCore({}, browser).core;
    expect(expired.promptReason()).toBe('expired');
    expect(expired.get()).toBeNull();

    const again = expired.acceptAll({ source: 'banner' });
    expect(again).toMatchObject({ reason: 'expired', previous: first.id, subject: first.subject });
    expect(expired.promptReason()).toBeNull();
    // A later change of mind is not a re-prompt.
    expect(expired.withdraw('marketing').reason).toBeUndefined();
  });

  test('a shorter configured lifetime asks sooner', () => {
    const browser = createBrowserFakes();
    makeCore({ cookie: { maxAgeDays: 30 } }, browser).core.acceptAll();
    browser.clock.advance(30 * DAY);
    expect(makeCore({ cookie: { maxAgeDays: 30 } }, browser).core.promptReason()).toBe('expired');
  });
});

describe('policy change', () => {
  test('a new policy version asks again; the new receipt says why and links the old one', () => {
    const browser = createBrowserFakes();
    const old = makeCore({ policyVersion: '2018-05-24' }, browser).core.acceptAll();

    const updated = makeCore({ policyVersion: '2026-01-01' }, browser).core;
    expect(updated.promptReason()).toBe('policy-changed');
    expect(updated.has('analytics')).toBe(false);

    const receipt = updated.save({ analytics: true }, { source: 'preferences' });
    expect(receipt).toMatchObject({ reason: 'policy-changed', previous: old.id, policy: { version: '2026-01-01' } });
    expect(updated.receipts().map((r) => r.id)).toEqual([old.id, receipt.id]);
  });
});
