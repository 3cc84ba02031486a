import { MAX_KEYS_PER_DAY, OPEN_METRICS, OTHER_KEY, type Metric, type StatsRow } from './statsMetrics';

/**
 * Folds the keys of open metrics (names taken from receipts) beyond
 * MAX_KEYS_PER_DAY per day and metric into OTHER_KEY. `existing` lists the
 * `metric key` pairs already stored for each day of the deltas; a stored key
 * always keeps counting under its own name.
 */
export function capKeys(deltas: readonly StatsRow[], existing: ReadonlyMap<string, ReadonlySet<string>>): StatsRow[] {
  const known = new Map<string, Set<string>>();
  const seen = (day: string, metric: Metric) => {
    const id = `${day} ${metric}`;
    let keys = known.get(id);
    if (!keys) {
      keys = new Set([...(existing.get(day) ?? [])].filter((pair) => pair.startsWith(metric + ' ')).map((pair) => pair.slice(metric.length + 1)));
      known.set(id, keys);
    }
    return keys;
  };
  const merged = new Map<string, StatsRow>();
  for (const row of deltas) {
    let key = row.key;
    if (OPEN_METRICS.has(row.metric)) {
      const keys = seen(row.day, row.metric);
      if (!keys.has(key)) {
        if (keys.size < MAX_KEYS_PER_DAY) keys.add(key);
        else key = OTHER_KEY;
      }
    }
    const id = `${row.day}\n${row.metric}\n${key}`;
    const sum = merged.get(id);
    if (sum) sum.count += row.count;
    else merged.set(id, { ...row, key });
  }
  return [...merged.values()];
}
