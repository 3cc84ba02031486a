/** How long retries wait: the first about `baseMs`, doubling on each failure in a row, never more than `capMs`. */
export interface Backoff {
  baseMs: number;
  capMs: number;
}

/** The first retry waits one to two seconds… */
export const RETRY_BASE_MS = 1000;
/** …and no retry waits longer than five minutes. */
export const RETRY_CAP_MS = 300_000;

/** Network errors, 5xx, 408, 429: 1 s, 2 s, 4 s… at most 5 minutes. */
export const QUICK_BACKOFF: Backoff = { baseMs: RETRY_BASE_MS, capMs: RETRY_CAP_MS };

/**
 * Other refusals that are no verdict on the receipt (403, 404, a 410 without
 * the erasure body…): a misconfiguration someone has to fix, so 5 minutes,
 * 10, 20, 40, then every hour, for as long as a receipt may wait.
 */
export const SLOW_BACKOFF: Backoff = { baseMs: 300_000, capMs: 3_600_000 };

/**
 * The wait a `Retry-After` header asks for, in ms: whole seconds, or an HTTP
 * date (one already past means now). Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/**
 * How long to wait before retrying after `failures` failures in a row (0 for
 * the first): exponential backoff with up to 100 % jitter, so browsers that
 * failed together do not all come back at the same instant. A `Retry-After`
 * from the ledger replaces it, within the same cap.
 * @param random a number in [0, 1), `Math.random()` in production
 * @param now the current time, for a `Retry-After` date @default Date.now()
 * @param backoff @default QUICK_BACKOFF
 */
export function retryDelay(failures: number, random: number, retryAfter?: string | null, now = Date.now(), backoff = QUICK_BACKOFF): number {
  const asked = parseRetryAfter(retryAfter, now);
  const wait = asked ?? backoff.baseMs * 2 ** failures * (1 + random);
  return Math.min(backoff.capMs, wait);
}
