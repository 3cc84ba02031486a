import type { StatsRow } from './statsMetrics';

/** Daily counts summed by calendar month, with the first and last day counted: the rows of `stats_months`. */
export interface MonthRow {
  month: string;
  metric: StatsRow['metric'];
  key: string;
  count: number;
  firstDay: string;
  lastDay: string;
}

/** Sums sorted daily rows by month, metric and key, in that order (writers keep one order: no deadlock between them). */
export function byMonth(rows: readonly StatsRow[]): MonthRow[] {
  const months = new Map<string, MonthRow>();
  for (const { day, metric, key, count } of rows) {
    const month = day.slice(0, 7);
    const id = `${month}\n${metric}\n${key}`;
    const row = months.get(id);
    if (!row) months.set(id, { month, metric, key, count, firstDay: day, lastDay: day });
    else {
      row.count += count;
      if (day < row.firstDay) row.firstDay = day;
      if (day > row.lastDay) row.lastDay = day;
    }
  }
  return [...months.values()].sort((a, b) => (a.month !== b.month ? (a.month < b.month ? -1 : 1) : a.metric !== b.metric ? (a.metric < b.metric ? -1 : 1) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
