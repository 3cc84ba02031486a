import { expect, test } from 'vitest';
import { retryDelay } from '../../src/sync/retryDelay';
import { isRetryable } from '../../src/sync/isRetryable';

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

test('408, 429, 5xx and network errors are retried; 2xx and other 4xx are not', () => {
  const statuses = [0, 200, 201, 204, 301, 400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504];
  expect(statuses.filter(isRetryable)).toEqual([0, 301, 408, 429, 500, 502, 503, 504]);
});
