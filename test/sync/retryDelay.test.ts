import { expect, test } from 'vitest';
import { readAnswer } from '../../src/sync/readAnswer';
import { QUICK_BACKOFF, retryDelay, SLOW_BACKOFF } from '../../src/sync/retryDelay';

test('backoff doubles from one second and stops at five minutes', () => {
  const lowest = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 2000].map((n) => retryDelay(n, 0));
  expect(lowest).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000, 300000]);
});

test('jitter adds up to the same again, never past the cap', () => {
  expect(retryDelay(0, 0.5)).toBe(1500);
  expect(retryDelay(3, 0.999)).toBeCloseTo(15992);
  expect(retryDelay(8, 0.999)).toBe(300000);
});

test('Retry-After in seconds or as an HTTP date replaces the backoff, within the cap', () => {
  const now = Date.parse('2026-11-29T16:00:00Z');
  expect(retryDelay(5, 0.5, '1', now)).toBe(1000);
  expect(retryDelay(0, 0.5, ' 0 ', now)).toBe(0);
  expect(retryDelay(0, 0, 'Sun, 29 Nov 2026 16:00:30 GMT', now)).toBe(30000);
  expect(retryDelay(0, 0, 'Sun, 29 Nov 2026 15:00:00 GMT', now)).toBe(0);
  expect(retryDelay(0, 0, '86400', now)).toBe(300000);
});

test('an unreadable Retry-After falls back to the backoff', () => {
  for (const value of ['soon', '1.5e3', '', null, undefined]) expect(retryDelay(2, 0, value)).toBe(4000);
});

test('only 400, 413, 415 and 422 drop a receipt; 2xx delivers it; anything else keeps it, 408, 429, 5xx and network errors on the quick backoff', () => {
  const statuses = [null, 200, 201, 204, 301, 400, 401, 403, 404, 408, 409, 410, 413, 415, 422, 429, 500, 502, 503, 504];
  const kinds = statuses.map((status) => {
    const answer = readAnswer(status);
    if (answer.kind !== 'failed') return [status, answer.kind];
    return [status, answer.backoff === QUICK_BACKOFF ? 'retry soon' : 'retry slowly'];
  });
  expect(kinds).toEqual([
    [null, 'retry soon'],
    [200, 'delivered'],
    [201, 'delivered'],
    [204, 'delivered'],
    [301, 'retry slowly'],
    [400, 'refused'],
    [401, 'retry slowly'],
    [403, 'retry slowly'],
    [404, 'retry slowly'],
    [408, 'retry soon'],
    [409, 'retry slowly'],
    [410, 'retry slowly'],
    [413, 'refused'],
    [415, 'refused'],
    [422, 'refused'],
    [429, 'retry soon'],
    [500, 'retry soon'],
    [502, 'retry soon'],
    [503, 'retry soon'],
    [504, 'retry soon'],
  ]);
});

test('a 410 is an erasure only with the ledger’s body naming the receipts', () => {
  expect(readAnswer(410, { error: 'subject_erased', message: 'erased', erased: ['a', 'b'] })).toEqual({ kind: 'erased', ids: ['a', 'b'] });
  for (const body of [null, {}, { error: 'gone' }, { error: 'subject_erased' }, { error: 'subject_erased', erased: [1] }]) {
    expect(readAnswer(410, body)).toEqual({ kind: 'failed', backoff: SLOW_BACKOFF });
  }
});

test('after a refusal that is no verdict, the backoff starts at 5 minutes and grows to an hour', () => {
  const lowest = [0, 1, 2, 3, 4, 5, 50].map((n) => retryDelay(n, 0, null, 0, SLOW_BACKOFF) / 60_000);
  expect(lowest).toEqual([5, 10, 20, 40, 60, 60, 60]);
  expect(retryDelay(0, 0, '30', 0, SLOW_BACKOFF)).toBe(30_000);
});
