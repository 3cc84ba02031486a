import type { ClientBase, Pool } from 'pg';
import { GENESIS_HASH } from '../canonicalJson';
import { LOCK_CHECKPOINT, LOCK_CLASS } from '../postgresMigrations';
import type { ArchivedNotice, LedgerFlag, LedgerProof, LedgerRow, ProofReader } from '../types';
import { addRows, removeRows, signCheckpoint, stateAfter, unchanged, type Checkpoint, type CheckpointRow } from './checkpoint';
import type { LedgerKey } from './ledgerKey';

const ROW = `seq, id, subject, timestamp, received_at AS "receivedAt", body, flags, prev_hash AS "prevHash", hash`;
/** Rows read per round trip when a checkpoint catches up (the first one on a large ledger). */
const PAGE = 10_000;
type StoredRow = Omit<LedgerRow, 'seq' | 'flags'> & { seq: string; flags: string };
const toRow = (row: StoredRow): LedgerRow => ({ ...row, seq: Number(row.seq), flags: row.flags ? (row.flags.split(',') as LedgerFlag[]) : [] });

/** The proof tables of a PostgreSQL ledger, read through the pool (read-only pools too). */
export function createPostgresProofReader(pool: Pool, s: string): ProofReader {
  return {
    async ledgerId() {
      const { rows } = await pool.query<{ value: string }>(`SELECT value FROM ${s}.ledger_meta WHERE name = 'ledger_id'`);
      return rows[0]?.value ?? null;
    },
    async notice(hash) {
      const { rows } = await pool.query<{ body: string }>(`SELECT body FROM ${s}.notices WHERE hash = $1`, [hash]);
      return rows[0]?.body ?? null;
    },
    async checkpoints(since, limit) {
      const { rows } = await pool.query<{ body: string }>(`SELECT body FROM ${s}.checkpoints WHERE sequence > $1 ORDER BY sequence LIMIT $2`, [since, limit ?? null]);
      return rows.map((row) => JSON.parse(row.body) as Checkpoint);
    },
    async *notices() {
      const { rows } = await pool.query<ArchivedNotice>(`SELECT hash, body, received_at AS "receivedAt" FROM ${s}.notices ORDER BY hash`);
      yield* rows;
    },
    async row(id) {
      const { rows } = await pool.query<StoredRow>(`SELECT ${ROW} FROM ${s}.receipts WHERE id = $1`, [id]);
      return rows[0] ? toRow(rows[0]) : null;
    },
    async *receivedBetween(from, to, subject) {
      let after = 0;
      for (;;) {
        const { rows } = await pool.query<StoredRow>(
          `SELECT ${ROW} FROM ${s}.receipts WHERE seq > $1 AND received_at >= $2 AND received_at < $3 AND ($4::text IS NULL OR subject = $4) ORDER BY seq LIMIT ${PAGE}`,
          [after, from, to, subject],
        );
        for (const row of rows) yield toRow(row);
        if (rows.length < PAGE) return;
        after = Number(rows[rows.length - 1]!.seq);
      }
    },
  };
}

async function lastCheckpoint(client: ClientBase, s: string): Promise<Checkpoint | null> {
  const { rows } = await client.query<{ body: string }>(`SELECT body FROM ${s}.checkpoints ORDER BY sequence DESC LIMIT 1`);
  return rows[0] ? (JSON.parse(rows[0].body) as Checkpoint) : null;
}

async function tombstoneState(client: ClientBase, s: string): Promise<{ count: number; head: string }> {
  const { rows } = await client.query<{ count: number; head: string | null }>(
    `SELECT count(*)::int AS count, (SELECT hash FROM ${s}.tombstones ORDER BY seq DESC LIMIT 1) AS head FROM ${s}.tombstones`,
  );
  return { count: rows[0]?.count ?? 0, head: rows[0]?.head ?? GENESIS_HASH };
}

/** Rows with a seq above `after`, page by page (keyset on the primary key). */
async function rowsAfter(client: ClientBase, s: string, after: number): Promise<CheckpointRow[]> {
  const all: CheckpointRow[] = [];
  for (let from = after; ; ) {
    const { rows } = await client.query<{ seq: string; hash: string }>(`SELECT seq, hash FROM ${s}.receipts WHERE seq > $1 ORDER BY seq LIMIT ${PAGE}`, [from]);
    for (const row of rows) all.push({ seq: Number(row.seq), hash: row.hash });
    if (rows.length < PAGE) return all;
    from = Number(rows[rows.length - 1]!.seq);
  }
}

const insertCheckpoint = (client: ClientBase, s: string, cp: Checkpoint) =>
  `INSERT INTO ${s}.checkpoints (sequence, body) VALUES (${cp.sequence}, ${client.escapeLiteral(JSON.stringify(cp))})`;

/** Waits for every append in flight to commit and holds new ones back until this transaction ends. */
export async function lockForCheckpoint(client: ClientBase): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(${LOCK_CLASS}, ${LOCK_CHECKPOINT})`);
}

/**
 * Inside an erasure's transaction, after lockForCheckpoint and the subject's
 * lock: carries the last checkpoint over the rows received since, runs
 * `erase` (delete and tombstone), removes the subject's rows and returns the
 * INSERT of the signed checkpoint, to be sent with the COMMIT.
 */
export async function checkpointErasure(client: ClientBase, s: string, key: LedgerKey, ledger: string, subject: string, at: string, erase: () => Promise<void>): Promise<string> {
  const previous = await lastCheckpoint(client, s);
  const state = stateAfter(previous);
  addRows(state, await rowsAfter(client, s, state.lastSeq));
  const { rows } = await client.query<{ seq: string; hash: string }>(`SELECT seq, hash FROM ${s}.receipts WHERE subject = $1`, [subject]);
  await erase();
  removeRows(state, rows.map((row) => ({ seq: Number(row.seq), hash: row.hash })));
  return insertCheckpoint(client, s, signCheckpoint(previous, state, await tombstoneState(client, s), { ledger, at, key }));
}

/** What a transaction runner gives: the store's, which retries and sends `insert` with the COMMIT. */
type Transaction = <T>(fn: (client: ClientBase) => Promise<{ value: T; insert?: string }>) => Promise<T>;

/** Notices and checkpoints of a PostgreSQL ledger shared by several processes (they must share the key). */
export function createPostgresProof(pool: Pool, s: string, key: LedgerKey, ledger: string, transaction: Transaction): LedgerProof {
  return {
    ...createPostgresProofReader(pool, s),
    key,
    async putNotice(hash, canonical, receivedAt) {
      const { rowCount } = await pool.query(`INSERT INTO ${s}.notices (hash, body, received_at) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING`, [hash, canonical, receivedAt]);
      return rowCount === 1;
    },
    async missingNotices(hashes) {
      if (!hashes.length) return [];
      const { rows } = await pool.query<{ hash: string }>(`SELECT hash FROM ${s}.notices WHERE hash = ANY($1::text[])`, [hashes]);
      const held = new Set(rows.map((row) => row.hash));
      return hashes.filter((hash) => !held.has(hash));
    },
    checkpoint: (at) =>
      transaction(async (client) => {
        await lockForCheckpoint(client);
        const previous = await lastCheckpoint(client, s);
        const state = stateAfter(previous);
        addRows(state, await rowsAfter(client, s, state.lastSeq));
        const tombstones = await tombstoneState(client, s);
        // Several processes share the log: the one that finds nothing new since the last checkpoint writes none.
        if (unchanged(previous, state, tombstones)) return { value: null };
        const cp = signCheckpoint(previous, state, tombstones, { ledger, at, key });
        return { value: cp, insert: insertCheckpoint(client, s, cp) };
      }),
  };
}
