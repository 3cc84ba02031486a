import type { StatsStore } from './StatsStore';
import { createStatsDeltas } from './statsDeltas';
import { statsLanguage } from './statsLanguage';

export interface StatsServiceOptions {
  store: StatsStore;
  now: () => number;
  /** A background roll-up or impression write failed (it is retried on the next tick). */
  onError: (error: unknown) => void;
  /** How often receipts are rolled up and impressions written in the background, in ms. @default 2000 */
  intervalMs?: number;
}

export interface StatsService {
  /** Rolls up everything received so far; resolves once the aggregates include it. */
  refresh(): Promise<void>;
  /** Counts one banner shown today in this language (kept in memory until the next tick). */
  impression(language: unknown): void;
}

/** Receipts counted per transaction: one transaction stays short even while a large ledger is caught up. */
const BATCH = 5000;

/**
 * Keeps the aggregates close to the ledger without any request waiting for
 * it: a timer (unref'd: it never keeps the process alive) rolls receipts up
 * and writes the impressions counted since the last tick, in batches, yielding
 * between them. A stats request refreshes once more first. The timer stops
 * once the ledger's database is closed; impressions still in memory then are
 * lost (at most one tick's worth of an anonymous counter).
 */
export function createStatsService(options: StatsServiceOptions): StatsService {
  const { store, now, onError } = options;
  let impressions = createStatsDeltas();
  let buffered = 0;
  let queue: Promise<void> = Promise.resolve();
  let busy = false;

  async function work(): Promise<void> {
    if (store.closed()) return;
    if (buffered) {
      const rows = impressions.rows();
      impressions = createStatsDeltas();
      buffered = 0;
      try {
        await store.add(rows);
      } catch (error) {
        // Kept for the next tick rather than lost.
        for (const row of rows) impressions.add(row.day, row.metric, row.key, row.count);
        buffered += rows.length;
        throw error;
      }
    }
    while ((await store.rollUp(BATCH)) === BATCH) await new Promise((resolve) => setImmediate(resolve));
  }
  /** Each call runs after the one before it, so a refresh always sees what was stored before it was asked for. */
  const refresh = () => (queue = queue.catch(() => undefined).then(work));

  const timer = setInterval(() => {
    if (store.closed()) return clearInterval(timer);
    if (busy) return;
    busy = true;
    refresh()
      .catch((error: unknown) => {
        if (!store.closed()) onError(error);
      })
      .finally(() => (busy = false));
  }, options.intervalMs ?? 2000);
  timer.unref();

  return {
    refresh,
    impression(language) {
      impressions.add(new Date(now()).toISOString().slice(0, 10), 'impressions', statsLanguage(language));
      buffered += 1;
    },
  };
}
