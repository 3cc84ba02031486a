// The outbox's decisions, as pure functions: no server, no window, no timers.
import { expect, test } from 'vitest';
import type { Receipt } from '../../src/core/receipt';
import { hasExpired, MAX_WAIT_MS, planStep } from '../../src/sync/outbox';
import { QUICK_BACKOFF, SLOW_BACKOFF } from '../../src/sync/retryDelay';

const receipt = (id: string, timestamp = '2026-11-01T00:00:00.000Z') => ({ id, subject: 'subject-1', timestamp }) as Receipt;
const batch = [receipt('a'), receipt('b'), receipt('c')];

test('a delivered batch leaves the outbox', () => {
  expect(planStep(batch, { kind: 'delivered' })).toMatchObject({ remove: ['a', 'b', 'c'], delivered: ['a', 'b', 'c'], retry: null, oneByOne: false });
});

test('a refused batch is sent again one by one; a refused single receipt is dropped', () => {
  expect(planStep(batch, { kind: 'refused' })).toMatchObject({ remove: [], oneByOne: true });
  expect(planStep([receipt('b')], { kind: 'refused' })).toMatchObject({ remove: ['b'], refused: ['b'], oneByOne: false, retry: null });
});

test('an erasure drops the listed receipts of the batch only; one that names none of them is a failure', () => {
  expect(planStep(batch, { kind: 'erased', ids: ['b', 'zzz'] })).toMatchObject({ remove: ['b'], erased: ['b'], retry: null });
  expect(planStep(batch, { kind: 'erased', ids: ['zzz'] })).toMatchObject({ remove: [], retry: SLOW_BACKOFF });
});

test('a failure keeps the batch and waits on the backoff it names', () => {
  expect(planStep(batch, { kind: 'failed', backoff: QUICK_BACKOFF })).toEqual({ remove: [], delivered: [], refused: [], erased: [], oneByOne: false, retry: QUICK_BACKOFF });
});

test('a receipt expires 30 days after it was queued; one whose time does not parse never does', () => {
  const queued = Date.parse('2026-11-01T00:00:00.000Z');
  expect(MAX_WAIT_MS).toBe(30 * 86_400_000);
  expect(hasExpired(receipt('a'), queued + MAX_WAIT_MS - 1)).toBe(false);
  expect(hasExpired(receipt('a'), queued + MAX_WAIT_MS)).toBe(true);
  expect(hasExpired(receipt('a', 'yesterday'), queued + 10 * MAX_WAIT_MS)).toBe(false);
});
