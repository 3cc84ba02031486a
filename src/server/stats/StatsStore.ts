import type { MaybePromise } from '../types';
import type { StatsSummary } from './buildStatsReport';
import type { StatsRow } from './statsMetrics';

/** An API token as listed: its hash stays in the database, the token itself is shown once. */
export interface ApiToken {
  name: string;
  createdAt: string;
}

/**
 * Where the aggregates live, beside the ledger's tables (`stats_*`). They are
 * rolled up from a cursor over the receipts' `seq`; a trigger on the ledger's
 * receipts keeps the counted fields of a row erased before it was rolled up,
 * so an erasure never changes the counts. Methods may answer now (SQLite) or
 * later (PostgreSQL).
 */
export interface StatsStore {
  /** Counts at most `limit` receipts not yet counted (and erased ones kept for counting); answers how many. */
  rollUp(limit: number): MaybePromise<number>;
  /** Adds counts directly (the impression counter); rows in `compareRows` order. */
  add(rows: readonly StatsRow[]): MaybePromise<void>;
  /** Every aggregate from `from` to `to` (YYYY-MM-DD, inclusive), by day, metric and key. */
  rows(from: string, to: string): MaybePromise<StatsRow[]>;
  /** What the report needs, summed by the database: the daily rows of DAILY_METRICS and every metric's totals over the range. */
  summary(from: string, to: string): MaybePromise<StatsSummary>;
  /** Stores a token's SHA-256 under a name; false when the name is taken. */
  addToken(name: string, tokenHash: string, createdAt: string): MaybePromise<boolean>;
  /** Whether a token with this SHA-256 exists (not revoked). */
  hasToken(tokenHash: string): MaybePromise<boolean>;
  tokens(): MaybePromise<ApiToken[]>;
  /** Deletes the named token; false when there was none. */
  revokeToken(name: string): MaybePromise<boolean>;
  /** True once the database connection the store runs on has been closed: background work stops. */
  closed(): boolean;
}
