/** The first retry waits one to two seconds… */
export const RETRY_BASE_MS = 1000;
/** …and no retry waits longer than five minutes. */
export const RETRY_CAP_MS = 300_000;

/**
 * How long to wait before retrying after `failures` failures in a row (0 for
 * the first): exponential backoff (1 s, 2 s, 4 s…, at most 5 minutes) with up
 * to 100 % jitter, so browsers that failed together do not all come back at
 * the same instant. A `Retry-After` from the ledger (seconds or an HTTP date)
 * replaces it, within the same cap; a date already past means now.
 * @param random a number in [0, 1), `Math.random()` in production
 */
export function retryDelay(failures: number, random: number, retryAfter?: string | null, now = Date.now()): number {
  // Whole seconds, else a date; anything else (null too) parses as NaN.
  const asked = /^\s*\d+\s*$/.test(retryAfter!) ? +retryAfter! * 1000 : Date.parse(retryAfter!) - now;
  return Math.min(RETRY_CAP_MS, asked < 0 ? 0 : asked >= 0 ? asked : RETRY_BASE_MS * 2 ** failures * (1 + random));
}
