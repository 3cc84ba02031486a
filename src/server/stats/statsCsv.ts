import type { StatsRow } from './statsMetrics';

/**
 * A field as RFC 4180 wants it, and never a formula: a spreadsheet runs a cell
 * starting with = + - @ (a shownHash may), so such a cell gets a leading '.
 */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The aggregates of a range as CSV, one line per day, metric and key (in the order given): `day,metric,key,count`. */
export function statsCsv(rows: readonly StatsRow[]): string {
  const lines = rows.map((row) => [row.day, row.metric, field(row.key), String(row.count)].join(','));
  return ['day,metric,key,count', ...lines].join('\r\n') + '\r\n';
}
