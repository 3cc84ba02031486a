/** `{base}/stats`: the console is served at `{base}/console/console.js`. */
const STATS_URL = new URL('../stats', import.meta.url).pathname;

/** A range of UTC days, both ends included, as `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

/** The statistics of `range` as JSON, or as CSV (one row per day × metric) for a download link. */
export const statsUrl = (range: DayRange, format: 'json' | 'csv' = 'json') =>
  `${STATS_URL}?from=${range.from}&to=${range.to}${format === 'csv' ? '&format=csv' : ''}`;

const DAY_MS = 86_400_000;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The ledger's default: the last 30 UTC days, today included. */
export const lastThirtyDays = (now = Date.now()): DayRange => ({ from: isoDay(now - 29 * DAY_MS), to: isoDay(now) });

/** Why a range cannot be asked for, or null: the ledger answers at most 366 days, `from` first. */
export function rangeProblem(range: DayRange): 'order' | 'tooLong' | 'invalid' | null {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from) || !/^\d{4}-\d{2}-\d{2}$/.test(range.to) || Number.isNaN(from) || Number.isNaN(to)) return 'invalid';
  if (from > to) return 'order';
  return (to - from) / DAY_MS + 1 > 366 ? 'tooLong' : null;
}
