import type { Pool, PoolClient } from 'pg';
import { inPgTransaction } from '../inPgTransaction';
import { DAILY_METRICS, type StatsTotal } from './buildStatsReport';
import { byMonth } from './byMonth';
import { capKeys } from './capKeys';
import { splitRange } from './splitRange';
import type { ReceiptFacts } from './countReceipt';
import { compareRows, createStatsDeltas } from './statsDeltas';
import type { StatsRow } from './statsMetrics';
import type { StatsStore } from './StatsStore';

const FIELDS = ['action', 'source', 'language', 'reason', 'gpc', 'configVersion', 'decisionSeconds', 'shownHash', 'categories', 'services'];

/**
 * The same tables as on SQLite, in the ledger's schema. The trigger is
 * statement-level: one INSERT … SELECT per erasure, over the deleted rows.
 * It reads the cursor FOR SHARE, so it waits for a roll-up in progress (which
 * holds it FOR UPDATE) and then sees where that roll-up stopped: a row is
 * either counted by the roll-up or kept by the trigger, never both, never neither.
 */
const TABLES = (s: string) => `
CREATE TABLE IF NOT EXISTS ${s}.stats_counts (day text COLLATE "C" NOT NULL, metric text COLLATE "C" NOT NULL, key text COLLATE "C" NOT NULL, count bigint NOT NULL, PRIMARY KEY (day, metric, key));
CREATE INDEX IF NOT EXISTS stats_counts_by_metric ON ${s}.stats_counts (metric, day);
CREATE TABLE IF NOT EXISTS ${s}.stats_months (month text COLLATE "C" NOT NULL, metric text COLLATE "C" NOT NULL, key text COLLATE "C" NOT NULL, count bigint NOT NULL, first_day text COLLATE "C" NOT NULL, last_day text COLLATE "C" NOT NULL, PRIMARY KEY (month, metric, key));
CREATE TABLE IF NOT EXISTS ${s}.stats_cursor (id integer PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL);
INSERT INTO ${s}.stats_cursor (id, seq) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS ${s}.stats_pending (id bigserial PRIMARY KEY, day text NOT NULL, facts text NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.stats_tokens (name text PRIMARY KEY, token_hash text NOT NULL UNIQUE, created_at text NOT NULL);
CREATE OR REPLACE FUNCTION ${s}.stats_keep_erased() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE counted bigint;
BEGIN
  SELECT seq INTO counted FROM ${s}.stats_cursor WHERE id = 1 FOR SHARE;
  INSERT INTO ${s}.stats_pending (day, facts)
    SELECT left(gone.received_at, 10), jsonb_build_object(${FIELDS.map((field) => `'${field}', gone.body::jsonb -> '${field}'`).join(', ')})::text
    FROM gone WHERE gone.seq > counted ORDER BY gone.seq;
  RETURN NULL;
END $$;`;
/** Created once: the DDL locks the receipts against appends, so a process starting beside running ones skips it. */
const TRIGGER = (s: string) => `CREATE TRIGGER stats_keep_erased AFTER DELETE ON ${s}.receipts REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.stats_keep_erased();`;

/** A lock key of its own, so two processes starting at once do not both create the tables. */
const MIGRATION_LOCK = 0x636b7374;

type ReceiptRow = { seq: string; subject: string; received_at: string; body: string; previous: string | null };

/**
 * The statistics in the PostgreSQL ledger's schema, on its pool
 * (`createPostgresStore(url).pool` and `.schema`). The tables and the trigger
 * are created on first use.
 *
 * Receipts from several processes commit out of `seq` order: a row with a
 * smaller seq may still be in flight when a larger one is visible. A roll-up
 * therefore stops at a horizon read under `LOCK … IN SHARE MODE`, which waits
 * for every append in progress to end: every row at or below it has committed
 * or never will, and every append after it takes a larger seq. The lock is
 * held for one short statement, not for the roll-up.
 */
export function createPostgresStatsStore(pool: Pool, schema = '"consentkit"'): StatsStore {
  const s = schema;
  const ready = inPgTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(TABLES(s));
    const trigger = await client.query(`SELECT 1 FROM pg_trigger WHERE tgname = 'stats_keep_erased' AND tgrelid = $1::regclass`, [`${s}.receipts`]);
    if (!trigger.rowCount) await client.query(TRIGGER(s));
  });
  ready.catch(() => undefined);
  const query = async <T>(text: string, values: unknown[] = []) => {
    await ready;
    return (await pool.query(text, values)).rows as T[];
  };

  const write = async (client: PoolClient, deltas: readonly StatsRow[]) => {
    if (!deltas.length) return;
    const days = [...new Set(deltas.map((row) => row.day))];
    const stored = await client.query<{ day: string; pair: string }>(`SELECT day, metric || ' ' || key AS pair FROM ${s}.stats_counts WHERE day = ANY($1::text[])`, [days]);
    const existing = new Map<string, Set<string>>();
    for (const { day, pair } of stored.rows) (existing.get(day) ?? existing.set(day, new Set()).get(day)!).add(pair);
    const rows = capKeys(deltas, existing).sort(compareRows);
    await client.query(
      `INSERT INTO ${s}.stats_counts (day, metric, key, count) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
       ON CONFLICT (day, metric, key) DO UPDATE SET count = ${s}.stats_counts.count + excluded.count`,
      [rows.map((r) => r.day), rows.map((r) => r.metric), rows.map((r) => r.key), rows.map((r) => r.count)],
    );
    const months = byMonth(rows);
    await client.query(
      `INSERT INTO ${s}.stats_months (month, metric, key, count, first_day, last_day) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[])
       ON CONFLICT (month, metric, key) DO UPDATE SET count = ${s}.stats_months.count + excluded.count,
         first_day = LEAST(${s}.stats_months.first_day, excluded.first_day), last_day = GREATEST(${s}.stats_months.last_day, excluded.last_day)`,
      [months.map((r) => r.month), months.map((r) => r.metric), months.map((r) => r.key), months.map((r) => r.count), months.map((r) => r.firstDay), months.map((r) => r.lastDay)],
    );
  };

  return {
    async rollUp(limit) {
      await ready;
      const [state] = await query<{ seq: string; last: string | null; pending: boolean }>(
        `SELECT c.seq, (SELECT max(seq) FROM ${s}.receipts) AS last, EXISTS (SELECT 1 FROM ${s}.stats_pending) AS pending FROM ${s}.stats_cursor c WHERE id = 1`,
      );
      if (!state || (Number(state.last ?? 0) <= Number(state.seq) && !state.pending)) return 0;
      const horizon = await inPgTransaction(pool, async (client) => {
        await client.query(`LOCK TABLE ${s}.receipts IN SHARE MODE`);
        return Number((await client.query<{ last: string | null }>(`SELECT max(seq) AS last FROM ${s}.receipts`)).rows[0]?.last ?? 0);
      });
      return inPgTransaction(pool, async (client) => {
        // One roll-up at a time, and erasures wait for it (their trigger reads the cursor FOR SHARE).
        const cursor = Number((await client.query<{ seq: string }>(`SELECT seq FROM ${s}.stats_cursor WHERE id = 1 FOR UPDATE`)).rows[0]?.seq ?? 0);
        const receipts = await client.query<ReceiptRow>(
          `SELECT r.seq, r.received_at, r.body,
             CASE WHEN r.body LIKE '%"action":"withdraw"%' THEN (SELECT p.body FROM ${s}.receipts p WHERE p.subject = r.subject AND p.seq < r.seq ORDER BY p.seq DESC LIMIT 1) END AS previous
           FROM ${s}.receipts r WHERE r.seq > $1 AND r.seq <= $2 ORDER BY r.seq LIMIT $3`,
          [cursor, horizon, limit],
        );
        const kept = await client.query<{ day: string; facts: string }>(
          `DELETE FROM ${s}.stats_pending WHERE id IN (SELECT id FROM ${s}.stats_pending ORDER BY id LIMIT $1) RETURNING day, facts`,
          [limit],
        );
        const deltas = createStatsDeltas();
        for (const row of receipts.rows) {
          deltas.receipt(row.received_at.slice(0, 10), JSON.parse(row.body) as ReceiptFacts, row.previous ? (JSON.parse(row.previous) as ReceiptFacts).categories : null);
        }
        for (const row of kept.rows) deltas.receipt(row.day, JSON.parse(row.facts) as ReceiptFacts, null);
        await write(client, deltas.rows());
        // A full page stops at its last row; a short one has counted everything up to the horizon.
        const last = receipts.rows.length === limit ? Number(receipts.rows[receipts.rows.length - 1]!.seq) : Math.max(cursor, horizon);
        await client.query(`UPDATE ${s}.stats_cursor SET seq = $1 WHERE id = 1`, [last]);
        return receipts.rows.length + kept.rows.length;
      });
    },
    async add(rows) {
      await ready;
      await inPgTransaction(pool, (client) => write(client, rows));
    },
    async rows(from, to) {
      const rows = await query<StatsRow & { count: string }>(`SELECT day, metric, key, count FROM ${s}.stats_counts WHERE day >= $1 AND day <= $2 ORDER BY day, metric, key`, [from, to]);
      return rows.map((row) => ({ ...row, count: Number(row.count) }));
    },
    async summary(from, to) {
      await ready;
      // One snapshot for both (REPEATABLE READ): the days and the totals agree even while a roll-up commits.
      return inPgTransaction(pool, async (client) => {
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const daily = await client.query<StatsRow & { count: string }>(`SELECT day, metric, key, count FROM ${s}.stats_counts WHERE day >= $1 AND day <= $2 AND metric = ANY($3::text[])`, [from, to, DAILY_METRICS]);
        const { months, before, after } = splitRange(from, to);
        const totals = await client.query<StatsTotal & { count: string }>(
          `SELECT metric, key, sum(count) AS count, min(first) AS "firstDay", max(last) AS "lastDay" FROM (
             SELECT metric, key, count, first_day AS first, last_day AS last FROM ${s}.stats_months WHERE month >= $1 AND month <= $2
             UNION ALL SELECT metric, key, count, day, day FROM ${s}.stats_counts WHERE day >= $3 AND day <= $4
             UNION ALL SELECT metric, key, count, day, day FROM ${s}.stats_counts WHERE day >= $5 AND day <= $6
           ) AS parts GROUP BY metric, key`,
          [...months, ...before, ...after],
        );
        return { daily: daily.rows.map((row) => ({ ...row, count: Number(row.count) })), totals: totals.rows.map((row) => ({ ...row, count: Number(row.count) })) };
      });
    },
    async addToken(name, tokenHash, createdAt) {
      const rows = await query(`INSERT INTO ${s}.stats_tokens (name, token_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING name`, [name, tokenHash, createdAt]);
      return rows.length === 1;
    },
    hasToken: async (tokenHash) => (await query(`SELECT 1 FROM ${s}.stats_tokens WHERE token_hash = $1`, [tokenHash])).length === 1,
    tokens: () => query(`SELECT name, created_at AS "createdAt" FROM ${s}.stats_tokens ORDER BY name`),
    revokeToken: async (name) => (await query(`DELETE FROM ${s}.stats_tokens WHERE name = $1 RETURNING name`, [name])).length === 1,
    closed: () => (pool as Pool & { ending?: boolean; ended?: boolean }).ending === true || (pool as Pool & { ended?: boolean }).ended === true,
  };
}
