import type Database from 'better-sqlite3';
import { DAILY_METRICS, type StatsSummary, type StatsTotal } from './buildStatsReport';
import { byMonth } from './byMonth';
import { capKeys } from './capKeys';
import { splitRange } from './splitRange';
import { compareRows, createStatsDeltas } from './statsDeltas';
import type { ReceiptFacts } from './countReceipt';
import type { StatsRow } from './statsMetrics';
import type { ApiToken, StatsStore } from './StatsStore';
import { migrateSqliteStats } from './sqliteStatsSchema';

/** better-sqlite3 answers at once. */
export interface SqliteStatsStore extends StatsStore {
  rollUp(limit: number): number;
  add(rows: readonly StatsRow[]): void;
  rows(from: string, to: string): StatsRow[];
  summary(from: string, to: string): StatsSummary;
  addToken(name: string, tokenHash: string, createdAt: string): boolean;
  hasToken(tokenHash: string): boolean;
  tokens(): ApiToken[];
  revokeToken(name: string): boolean;
}

const WITHDRAW = '"action":"withdraw"';

/**
 * The statistics in the ledger's SQLite file, on the ledger's own connection
 * (`createSqliteStore(path).db`), like the console's tables. One process
 * writes a SQLite file at a time, so receipts commit in `seq` order and the
 * cursor never passes a row still to come.
 */
export function createSqliteStatsStore(db: Database.Database): SqliteStatsStore {
  migrateSqliteStats(db);
  const q = {
    cursor: db.prepare<[], number>('SELECT seq FROM stats_cursor WHERE id = 1').pluck(),
    idle: db.prepare<[], number>(
      'SELECT coalesce((SELECT max(seq) FROM receipts), 0) <= (SELECT seq FROM stats_cursor WHERE id = 1) AND NOT EXISTS (SELECT 1 FROM stats_pending)',
    ).pluck(),
    setCursor: db.prepare('UPDATE stats_cursor SET seq = ? WHERE id = 1'),
    receipts: db.prepare<[number, number], { seq: number; subject: string; receivedAt: string; body: string }>(
      'SELECT seq, subject, received_at AS receivedAt, body FROM receipts WHERE seq > ? ORDER BY seq LIMIT ?',
    ),
    previous: db.prepare<[string, number], string>('SELECT body FROM receipts WHERE subject = ? AND seq < ? ORDER BY seq DESC LIMIT 1').pluck(),
    pending: db.prepare<[number], { id: number; day: string; facts: string }>('SELECT id, day, facts FROM stats_pending ORDER BY id LIMIT ?'),
    dropPending: db.prepare('DELETE FROM stats_pending WHERE id <= ?'),
    keysOf: db.prepare<[string], string>("SELECT metric || ' ' || key FROM stats_counts WHERE day = ?").pluck(),
    upsert: db.prepare('INSERT INTO stats_counts (day, metric, key, count) VALUES (?, ?, ?, ?) ON CONFLICT (day, metric, key) DO UPDATE SET count = count + excluded.count'),
    upsertMonth: db.prepare(
      `INSERT INTO stats_months (month, metric, key, count, first_day, last_day) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (month, metric, key)
       DO UPDATE SET count = count + excluded.count, first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day)`,
    ),
    range: db.prepare<[string, string], StatsRow>('SELECT day, metric, key, count FROM stats_counts WHERE day >= ? AND day <= ? ORDER BY day, metric, key'),
    daily: db.prepare<[string, string], StatsRow>(
      `SELECT day, metric, key, count FROM stats_counts WHERE day >= ? AND day <= ? AND metric IN (${DAILY_METRICS.map((m) => `'${m}'`).join(', ')})`,
    ),
    totals: db.prepare<string[], StatsTotal>(
      `SELECT metric, key, sum(count) AS count, min(first) AS firstDay, max(last) AS lastDay FROM (
         SELECT metric, key, count, first_day AS first, last_day AS last FROM stats_months WHERE month >= ? AND month <= ?
         UNION ALL SELECT metric, key, count, day, day FROM stats_counts WHERE day >= ? AND day <= ?
         UNION ALL SELECT metric, key, count, day, day FROM stats_counts WHERE day >= ? AND day <= ?
       ) GROUP BY metric, key`,
    ),
    addToken: db.prepare('INSERT INTO stats_tokens (name, token_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING'),
    hasToken: db.prepare<[string], 1>('SELECT 1 FROM stats_tokens WHERE token_hash = ?').pluck(),
    tokens: db.prepare<[], ApiToken>('SELECT name, created_at AS createdAt FROM stats_tokens ORDER BY name'),
    revokeToken: db.prepare('DELETE FROM stats_tokens WHERE name = ?'),
  };

  const write = (deltas: readonly StatsRow[]) => {
    const existing = new Map<string, Set<string>>();
    for (const day of new Set(deltas.map((row) => row.day))) existing.set(day, new Set(q.keysOf.all(day)));
    const rows = capKeys(deltas, existing).sort(compareRows);
    for (const row of rows) q.upsert.run(row.day, row.metric, row.key, row.count);
    for (const row of byMonth(rows)) q.upsertMonth.run(row.month, row.metric, row.key, row.count, row.firstDay, row.lastDay);
  };

  const rollUp = db.transaction((limit: number): number => {
    const deltas = createStatsDeltas();
    const rows = q.receipts.all(q.cursor.get() ?? 0, limit);
    for (const row of rows) {
      // The previous receipt is read for withdrawals only, the one action whose count depends on it.
      const previous = row.body.includes(WITHDRAW) ? q.previous.get(row.subject, row.seq) : undefined;
      deltas.receipt(row.receivedAt.slice(0, 10), JSON.parse(row.body) as ReceiptFacts, previous ? (JSON.parse(previous) as ReceiptFacts).categories : null);
    }
    const kept = q.pending.all(limit);
    for (const row of kept) deltas.receipt(row.day, JSON.parse(row.facts) as ReceiptFacts, null);
    write(deltas.rows());
    if (rows.length) q.setCursor.run(rows[rows.length - 1]!.seq);
    if (kept.length) q.dropPending.run(kept[kept.length - 1]!.id);
    return rows.length + kept.length;
  });

  return {
    // Nothing new: no write transaction (the timer asks every 2 s). IMMEDIATE: the write lock before the cursor is read, so two processes never count a row twice.
    rollUp: (limit) => (q.idle.get() ? 0 : rollUp.immediate(limit)),
    add: (rows) => db.transaction(() => write(rows)).immediate(),
    rows: (from, to) => q.range.all(from, to),
    // One read transaction: the days and the totals agree even while a roll-up commits.
    summary: db.transaction((from: string, to: string) => {
      const { months, before, after } = splitRange(from, to);
      return { daily: q.daily.all(from, to), totals: q.totals.all(...months, ...before, ...after) };
    }),
    addToken: (name, tokenHash, createdAt) => q.addToken.run(name, tokenHash, createdAt).changes === 1,
    hasToken: (tokenHash) => q.hasToken.get(tokenHash) !== undefined,
    tokens: () => q.tokens.all(),
    revokeToken: (name) => q.revokeToken.run(name).changes === 1,
    closed: () => !db.open,
  };
}
