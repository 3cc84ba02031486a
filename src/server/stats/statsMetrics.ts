/**
 * One aggregate: how many of something on one UTC day. It is also one line of
 * the CSV export (`day,metric,key,count`). Nothing in it names a visitor.
 */
export interface StatsRow {
  /** YYYY-MM-DD, UTC: the day the ledger received the receipts (or the banners were shown). */
  day: string;
  metric: Metric;
  key: string;
  count: number;
}

/**
 * What is counted, and what its key is:
 * - `decisions` by action; `source`; `language` (primary subtag or `other`); `reason` (`none` when absent); `gpc` (`on`/`off`)
 * - `granted`, `refused`, `withdrawn` by category (non-required categories only)
 * - `service-granted`, `service-refused` by service id, from the receipt's `services`
 * - `decision-seconds` by whole second (0 to 3600): the histogram the median comes from
 * - `version-decisions` (`3/accept-all`), `version-granted`, `version-refused` (`3/analytics`); `none` for no configVersion
 * - `notice` by shownHash: decisions per notice shown
 * - `impressions` by language: banners shown, from the anonymous counter
 */
export const METRICS = [
  'decisions',
  'source',
  'language',
  'reason',
  'gpc',
  'granted',
  'refused',
  'withdrawn',
  'service-granted',
  'service-refused',
  'decision-seconds',
  'version-decisions',
  'version-granted',
  'version-refused',
  'notice',
  'impressions',
] as const;
export type Metric = (typeof METRICS)[number];

/**
 * Metrics whose keys come from the receipt's own names (categories, services,
 * versions, notices): at most this many keys per day each, the rest counted
 * under OTHER_KEY, so invented names cannot bloat the tables or the report.
 */
export const MAX_KEYS_PER_DAY = 200;
export const OPEN_METRICS: ReadonlySet<Metric> = new Set(['granted', 'refused', 'withdrawn', 'service-granted', 'service-refused', 'version-decisions', 'version-granted', 'version-refused', 'notice']);
/** Cannot be a category id, a service id or a digest, so it never collides with a real key. */
export const OTHER_KEY = '(other)';
