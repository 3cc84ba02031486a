import { countReceipt, type ReceiptFacts } from './countReceipt';
import type { Metric, StatsRow } from './statsMetrics';

/** Counts gathered from a batch of receipts before they are added to the stored aggregates in one transaction. */
export interface StatsDeltas {
  /** Counts one receipt received on `day` (see countReceipt for `previousCategories`). */
  receipt(day: string, facts: ReceiptFacts, previousCategories: unknown): void;
  add(day: string, metric: Metric, key: string, count?: number): void;
  /** The sums, one row per day, metric and key, sorted (every writer adds rows in the same order: no deadlock between them). */
  rows(): StatsRow[];
}

export function createStatsDeltas(): StatsDeltas {
  const sums = new Map<string, StatsRow>();
  const add = (day: string, metric: Metric, key: string, count = 1) => {
    const id = `${day}\n${metric}\n${key}`;
    const row = sums.get(id);
    if (row) row.count += count;
    else sums.set(id, { day, metric, key, count });
  };
  return {
    receipt: (day, facts, previousCategories) => countReceipt(facts, previousCategories, (metric, key) => add(day, metric, key)),
    add,
    rows: () => [...sums.values()].sort(compareRows),
  };
}

export const compareRows = (a: StatsRow, b: StatsRow) =>
  a.day < b.day ? -1 : a.day > b.day ? 1 : a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
