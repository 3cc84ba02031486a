import { expect, test } from 'vitest';
import { DAY, makeCore } from './fakes';

test('renewSubject() records the standing decision under a new subject, with its time and without a change event', () => {
  const { core, clock } = makeCore();
  const first = core.save({ analytics: true });
  clock.advance(3 * DAY);
  const changes: unknown[] = [];
  core.on('change', (change) => changes.push(change));
  const renewed = core.renewSubject()!;
  expect(renewed).toMatchObject({ action: 'save', source: 'api', reason: 'subject-erased', previous: null, categories: first.categories });
  expect(renewed.subject).not.toBe(first.subject);
  expect(renewed.timestamp).toBe(new Date(clock.now()).toISOString());
  // The decision lapses when it would have: it was taken three days ago.
  expect(core.get()).toMatchObject({ subject: renewed.subject, receipt: renewed.id, decidedAt: first.timestamp });
  expect(core.receipts()).toEqual([renewed]);
  expect(changes).toEqual([]);
});

test('a category the visitor was never asked about still asks after a renewal', () => {
  const { core, slot, store, clock } = makeCore();
  core.acceptAll();
  const grown = makeCore({ categories: { support: {} } }, { slot, store, clock }).core;
  expect(grown.promptReason()).toBe('new-category');
  grown.renewSubject();
  expect(grown.promptReason()).toBe('new-category');
});

test('without a standing decision renewSubject() only forgets the subject', () => {
  const { core, clock } = makeCore({ cookie: { maxAgeDays: 1 } });
  const old = core.acceptAll();
  clock.advance(2 * DAY);
  expect(core.renewSubject()).toBeNull();
  expect(core.receipts()).toEqual([]);
  expect(core.acceptAll()).toMatchObject({ previous: null, reason: 'first-visit' });
  expect(core.get()?.subject).not.toBe(old.subject);
});
