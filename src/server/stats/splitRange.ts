/** Parts of a date range: whole calendar months (YYYY-MM), and the days before and after them. */
export interface RangeParts {
  /** First and last whole month inside the range; an empty pair ('1', '0') when there is none. */
  months: [string, string];
  /** The days of the range before the first whole month, and after the last (or the whole range); empty pairs when none. */
  before: [string, string];
  after: [string, string];
}

const EMPTY: [string, string] = ['1', '0'];
const DAY_MS = 86_400_000;
const shift = (day: string, days: number) => new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);
const lastOfMonth = (month: string) => shift(`${nextMonth(month)}-01`, -1);
function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}
function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Splits `from`…`to` so that totals read one row per month and metric for
 * the whole months (the monthly table) and daily rows only for the edges:
 * a year's report sums about 12 rows per key instead of 366.
 */
export function splitRange(from: string, to: string): RangeParts {
  const first = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const last = lastOfMonth(to.slice(0, 7)) === to ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  if (first > last) return { months: EMPTY, before: [from, to], after: EMPTY };
  const start = `${first}-01`;
  const end = lastOfMonth(last);
  return { months: [first, last], before: from < start ? [from, shift(start, -1)] : EMPTY, after: to > end ? [shift(end, 1), to] : EMPTY };
}
