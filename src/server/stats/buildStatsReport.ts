import { OTHER_KEY, type Metric, type StatsRow } from './statsMetrics';

const ACTIONS = ['accept-all', 'reject-all', 'dismiss', 'save', 'withdraw'] as const;
const SOURCES = ['banner', 'preferences', 'settings-button', 'placeholder', 'api', 'gpc'] as const;
const REASONS = ['first-visit', 'expired', 'policy-changed', 'new-category', 'subject-erased', 'none'] as const;

type Decisions = Record<(typeof ACTIONS)[number], number>;
type Choices = Record<string, { granted: number; refused: number }>;

export interface DayStats {
  day: string;
  decisions: Decisions;
  impressions: number;
  categories: Choices;
}

export interface VersionStats {
  /** null: receipts without a configVersion (a static inline configuration, an older SDK). */
  configVersion: number | null;
  firstDay: string;
  lastDay: string;
  decisions: Decisions;
  categories: Choices;
}

/** `GET {base}/stats`: aggregates only, never an id, an address or a receipt. */
export interface StatsReport {
  from: string;
  to: string;
  days: DayStats[];
  totals: {
    decisions: Decisions;
    bySource: Record<(typeof SOURCES)[number], number>;
    byLanguage: Record<string, number>;
    byReason: Record<(typeof REASONS)[number], number>;
    gpc: { on: number; off: number };
    impressions: number;
    categories: Record<string, { granted: number; refused: number; withdrawn: number }>;
    services: Choices;
    decisionSeconds: { median: number | null; samples: number };
  };
  versions: VersionStats[];
  notices: { shownHash: string; decisions: number }[];
  impressionsEnabled: boolean;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
const DAY_MS = 86_400_000;

/** Every UTC day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The median of a histogram of whole seconds (the mean of the two middle values for an even count). */
export function medianOf(histogram: ReadonlyMap<number, number>): { median: number | null; samples: number } {
  const values = [...histogram.entries()].sort((a, b) => a[0] - b[0]);
  const samples = values.reduce((sum, [, n]) => sum + n, 0);
  if (!samples) return { median: null, samples };
  const at = (rank: number) => {
    let seen = 0;
    for (const [value, n] of values) if ((seen += n) > rank) return value;
    return values[values.length - 1]![0];
  };
  const middle = Math.floor((samples - 1) / 2);
  return { median: samples % 2 ? at(middle) : (at(middle) + at(middle + 1)) / 2, samples };
}

/** The sum of one metric and key over a range, with the first and last day it was counted on. */
export interface StatsTotal {
  metric: Metric;
  key: string;
  count: number;
  firstDay: string;
  lastDay: string;
}

/** What a report reads from the store: the per-day rows of DAILY_METRICS, and every metric summed over the range. */
export interface StatsSummary {
  daily: StatsRow[];
  totals: StatsTotal[];
}

/** The metrics the report lists day by day; the others only as totals over the range. */
export const DAILY_METRICS: readonly Metric[] = ['decisions', 'impressions', 'granted', 'refused'];

/** Turns a range's summary into the report: every day listed, zeros included. */
export function buildStatsReport(from: string, to: string, summary: StatsSummary, impressionsEnabled: boolean): StatsReport {
  const days = new Map(daysBetween(from, to).map((day): [string, DayStats] => [day, { day, decisions: zeros(ACTIONS), impressions: 0, categories: {} }]));
  const choice = (map: Choices, key: string) => (map[key] ??= { granted: 0, refused: 0 });
  for (const { day: date, metric, key, count } of summary.daily) {
    const day = days.get(date);
    if (!day) continue;
    if (metric === 'decisions' && key in day.decisions) day.decisions[key as keyof Decisions] += count;
    else if (metric === 'impressions') day.impressions += count;
    else if (metric === 'granted' || metric === 'refused') choice(day.categories, key)[metric] += count;
  }

  const totals: StatsReport['totals'] = {
    decisions: zeros(ACTIONS),
    bySource: zeros(SOURCES),
    byLanguage: {},
    byReason: zeros(REASONS),
    gpc: { on: 0, off: 0 },
    impressions: 0,
    categories: {},
    services: {},
    decisionSeconds: { median: null, samples: 0 },
  };
  const seconds = new Map<number, number>();
  const versions = new Map<string, VersionStats>();
  const notices: StatsReport['notices'] = [];
  const version = (key: string, firstDay: string, lastDay: string) => {
    let entry = versions.get(key);
    if (!entry) versions.set(key, (entry = { configVersion: key === 'none' ? null : Number(key), firstDay, lastDay, decisions: zeros(ACTIONS), categories: {} }));
    if (firstDay < entry.firstDay) entry.firstDay = firstDay;
    if (lastDay > entry.lastDay) entry.lastDay = lastDay;
    return entry;
  };
  const category = (key: string) => (totals.categories[key] ??= { granted: 0, refused: 0, withdrawn: 0 });

  for (const { metric, key, count, firstDay, lastDay } of summary.totals) {
    switch (metric) {
      case 'decisions':
        if (key in totals.decisions) totals.decisions[key as keyof Decisions] += count;
        break;
      case 'source':
        if (key in totals.bySource) totals.bySource[key as keyof StatsReport['totals']['bySource']] += count;
        break;
      case 'language':
        totals.byLanguage[key] = (totals.byLanguage[key] ?? 0) + count;
        break;
      case 'reason':
        if (key in totals.byReason) totals.byReason[key as keyof StatsReport['totals']['byReason']] += count;
        break;
      case 'gpc':
        if (key === 'on' || key === 'off') totals.gpc[key] += count;
        break;
      case 'impressions':
        totals.impressions += count;
        break;
      case 'granted':
      case 'refused':
        category(key)[metric] += count;
        break;
      case 'withdrawn':
        category(key).withdrawn += count;
        break;
      case 'service-granted':
      case 'service-refused':
        choice(totals.services, key)[metric === 'service-granted' ? 'granted' : 'refused'] += count;
        break;
      case 'decision-seconds':
        seconds.set(Number(key), (seconds.get(Number(key)) ?? 0) + count);
        break;
      case 'version-decisions':
      case 'version-granted':
      case 'version-refused': {
        // Keys beyond the daily cap were folded into OTHER_KEY: they name no version.
        const slash = key.indexOf('/');
        if (key === OTHER_KEY || slash < 0) break;
        const entry = version(key.slice(0, slash), firstDay, lastDay);
        const name = key.slice(slash + 1);
        if (metric === 'version-decisions') {
          if (name in entry.decisions) entry.decisions[name as keyof Decisions] += count;
        } else choice(entry.categories, name)[metric === 'version-granted' ? 'granted' : 'refused'] += count;
        break;
      }
      case 'notice':
        notices.push({ shownHash: key, decisions: count });
        break;
    }
  }
  totals.decisionSeconds = medianOf(seconds);
  return {
    from,
    to,
    days: [...days.values()],
    totals,
    versions: [...versions.values()].sort((a, b) => (a.configVersion ?? 0) - (b.configVersion ?? 0)),
    notices: notices.sort((a, b) => b.decisions - a.decisions || (a.shownHash < b.shownHash ? -1 : 1)),
    impressionsEnabled,
  };
}
