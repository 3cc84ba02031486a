import { expect, test } from 'vitest';
import { addAcks, logKeyOf, RECEIPT_LOG_LIMIT } from '../../src/core/receiptLog';
import { makeCore } from './fakes';

test('this browser keeps its latest 100 receipts: the 101st decision pushes out the oldest', () => {
  const { core } = makeCore();
  const ids = Array.from({ length: 101 }, (_, i) => (i % 2 === 0 ? core.acceptAll() : core.rejectAll()).id);
  expect(RECEIPT_LOG_LIMIT).toBe(100);
  expect(core.receipts().map((r) => r.id)).toEqual(ids.slice(1));
  // The chain is unbroken: the newest receipt still points at the one before it.
  expect(core.receipts().at(-1)?.previous).toBe(ids[99]);
});

test('acknowledgements are kept with their receipts, the first one wins, and the log stays bounded', () => {
  const { core, store } = makeCore();
  const ids = Array.from({ length: 100 }, () => core.acceptAll().id);
  const ack = (receipt: string, signature: string) => ({ v: 1, receipt, subject: 's', hash: 'h', receivedAt: '2026-11-29T16:00:00.000Z', keyId: 'k', signature });
  addAcks(store, logKeyOf('consentkit'), [ack(ids[0]!, 'first'), ack('not-in-the-log', 'x'), null, 'junk']);
  addAcks(store, logKeyOf('consentkit'), [ack(ids[0]!, 'second')]);
  expect(core.receipts()[0]?.ack?.signature).toBe('first');
  expect(core.receipts().filter((r) => r.ack !== undefined)).toHaveLength(1);
  // The 101st decision still pushes out the oldest, acknowledged or not.
  const newest = core.rejectAll().id;
  expect(core.receipts().map((r) => r.id)).toEqual([...ids.slice(1), newest]);
  expect(core.receipts().some((r) => r.ack !== undefined)).toBe(false);
});
