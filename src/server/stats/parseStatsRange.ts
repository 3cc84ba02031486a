const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** The longest range one request may ask for, in days. */
export const MAX_DAYS = 366;
/** The range when none is given: the last 30 days, today included. */
export const DEFAULT_DAYS = 30;

/** YYYY-MM-DD naming a real day (not 2026-13-01 or 2026-02-30). */
const isDay = (value: string) => DAY.test(value) && !Number.isNaN(Date.parse(value)) && new Date(Date.parse(value)).toISOString().slice(0, 10) === value;

/** `from` and `to` from the query (UTC days, inclusive), or the reason they cannot be used. */
export function parseStatsRange(query: URLSearchParams, now: number): { from: string; to: string } | { error: string } {
  const today = new Date(now).toISOString().slice(0, 10);
  const to = query.get('to') ?? today;
  if (!isDay(to)) return { error: 'to must be a day written YYYY-MM-DD.' };
  const from = query.get('from') ?? new Date(Date.parse(to) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  if (!isDay(from)) return { error: 'from must be a day written YYYY-MM-DD.' };
  if (from > to) return { error: 'from must not be after to.' };
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_DAYS) return { error: `A range covers at most ${MAX_DAYS} days.` };
  return { from, to };
}
