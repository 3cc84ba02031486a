import { expect, test } from 'vitest';
import { RECEIPT_LOG_LIMIT } from '../../src/core/receiptLog';
import { makeCore } from './fakes';

test('this browser keeps its latest 100 receipts: the 101st decision pushes out the oldest', () => {
  const { core } = makeCore();
  const ids = Array.from({ length: 101 }, (_, i) => (i % 2 === 0 ? core.acceptAll() : core.rejectAll()).id);
  expect(RECEIPT_LOG_LIMIT).toBe(100);
  expect(core.receipts().map((r) => r.id)).toEqual(ids.slice(1));
  // The chain is unbroken: the newest receipt still points at the one before it.
  expect(core.receipts().at(-1)?.previous).toBe(ids[99]);
});
