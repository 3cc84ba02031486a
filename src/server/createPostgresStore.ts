import type { Pool, PoolClient, PoolConfig } from 'pg';
import { GENESIS_HASH, subjectHash, tombstoneHash } from './canonicalJson';
import { loadPg } from './loadPg';
import { appendBatch, lockSubjects, type Pending } from './postgresAppend';
import { LOCK_CLASS, LOCK_TOMBSTONES, SCHEMA_VERSION, migratePostgres, quoteSchema, schemaVersion, type MigrationResult } from './postgresMigrations';
import { checkpointErasure, createPostgresProof, lockForCheckpoint } from './proof/postgresProof';
import type { LedgerKey } from './proof/ledgerKey';
import type { AppendOptions, AppendResult, EraseResult, LedgerEntry, LedgerFlag, LedgerProof, LedgerRow, LedgerStore, PageRequest, SubjectPage, Tombstone } from './types';

export interface PostgresStoreOptions {
  /** A connection URL (postgres://user:password@host:5432/db), or options for pg's Pool. Required. */
  connection: string | PoolConfig;
  /** Connections this process keeps open; see docs/ledger.md for sizing. @default 10 */
  poolSize?: number;
  /** The PostgreSQL schema that holds the ledger's tables, created if missing. @default 'consentkit' */
  schema?: string;
  /**
   * Bring the schema up to date on start (under a lock, never twice). false
   * for a process that must not change the database (verify, or a deployment
   * that runs `consentkit-ledger migrate` as its own step). @default true
   */
  migrate?: boolean;
  /** Open every transaction read-only, so nothing this store does can write. @default false */
  readOnly?: boolean;
  /** Errors of idle pooled connections (a restarted server); they are replaced on next use. @default console.error */
  onError?: (error: unknown) => void;
  /**
   * The ledger's Ed25519 key: acknowledgements and checkpoints. Every process
   * on one database must be given the same key (the bin's `--key`). No
   * default: without it the store keeps no proof (no acks, notices or
   * checkpoints). @default undefined
   */
  key?: LedgerKey;
}

/** The ledger in PostgreSQL: the same answers as the SQLite store, shared by any number of processes. */
export interface PostgresStore extends LedgerStore {
  /** The pg pool (for inspection and maintenance queries). */
  readonly pool: Pool;
  /** The quoted schema name, e.g. "consentkit", to build queries on the ledger's tables. */
  readonly schema: string;
  /** What opening did to the schema: the versions applied now (none when already current or `migrate: false`). */
  readonly migration: MigrationResult;
  append(entries: readonly LedgerEntry[], options: AppendOptions): Promise<AppendResult>;
  readonly proof?: LedgerProof;
  read(subject: string, page: PageRequest): Promise<SubjectPage>;
  erase(subject: string, erasedAt: string): Promise<EraseResult | null>;
  rows(): AsyncIterable<LedgerRow>;
  tombstones(): AsyncIterable<Tombstone>;
  close(): Promise<void>;
}

const ROW = `seq, id, subject, timestamp, received_at AS "receivedAt", body, flags, prev_hash AS "prevHash", hash`;
const TOMB = `seq, subject_hash AS "subjectHash", receipts, first_received_at AS "firstReceivedAt",
  last_received_at AS "lastReceivedAt", erased_at AS "erasedAt", prev_hash AS "prevHash", hash`;
/**
 * Serialization failures and deadlocks are PostgreSQL asking for a retry; a
 * unique violation is a receipt id committed meanwhile under another subject,
 * which the next attempt reports as a duplicate.
 */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 5;
/** Rows fetched per round trip when streaming the whole ledger to verify or copy it. */
const PAGE = 1000;

type StoredRow = Omit<LedgerRow, 'seq' | 'flags'> & { seq: string; flags: string };
/** bigint columns come back as strings from pg (seq stays far below 2^53); flags are stored comma-joined. */
const toRow = (row: StoredRow): LedgerRow => ({ ...row, seq: Number(row.seq), flags: row.flags ? (row.flags.split(',') as LedgerFlag[]) : [] });
const toTombstone = (t: Tombstone): Tombstone => ({ ...t, seq: Number(t.seq) });

/**
 * Opens a pool and, unless told not to, migrates the schema. Resolves once the
 * database answered, so a wrong URL fails at start and not on the first POST.
 */
export async function createPostgresStore(options: string | PostgresStoreOptions): Promise<PostgresStore> {
  const opts: PostgresStoreOptions = typeof options === 'string' ? { connection: options } : options;
  const s = quoteSchema(opts.schema ?? 'consentkit');
  const pg = await loadPg();
  const base: PoolConfig = typeof opts.connection === 'string' ? { connectionString: opts.connection } : opts.connection;
  const pool = new pg.Pool({
    ...base,
    max: opts.poolSize ?? base.max ?? 10,
    ...(opts.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  const onError = opts.onError ?? ((error: unknown) => console.error('[consentkit-ledger] PostgreSQL:', error));
  pool.on('error', onError);

  let migration: MigrationResult;
  try {
    const client = await pool.connect();
    try {
      if (opts.migrate === false) {
        migration = { applied: [], version: await schemaVersion(client, s.slice(1, -1)) };
        if (migration.version > SCHEMA_VERSION) throw new Error(`The ledger schema ${s} is at version ${migration.version}, newer than this consentkit (${SCHEMA_VERSION}).`);
      } else migration = await migratePostgres(client, s.slice(1, -1));
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }

  /** Runs fn in a transaction on one pooled connection, again from the start when PostgreSQL asks for it. */
  async function transaction<T>(fn: (client: PoolClient) => Promise<Pending<T>>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        await client.query('BEGIN');
        try {
          const { value, insert } = await fn(client);
          await client.query(insert ? `${insert}; COMMIT` : 'COMMIT');
          return value;
        } catch (error) {
          await client.query('ROLLBACK');
          const code = (error as { code?: string }).code;
          if (code === undefined || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    } catch (error) {
      // Without a SQLSTATE the connection itself failed: it is dropped, not handed to the next request.
      if ((error as { code?: string }).code === undefined) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Streams a whole table through a cursor in one read-only snapshot: memory stays flat on a ledger of millions of rows. */
  async function* stream<T>(query: string): AsyncGenerator<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`DECLARE ledger_cursor NO SCROLL CURSOR FOR ${query}`);
      for (;;) {
        const page = await client.query(`FETCH ${PAGE} FROM ledger_cursor`);
        for (const row of page.rows) yield row as T;
        if (page.rows.length < PAGE) break;
      }
      await client.query('COMMIT');
    } catch (error) {
      broken = error as Error;
      throw error;
    } finally {
      // Left early (a broken link found, an error): end the snapshot before the connection goes back.
      if (!broken) await client.query('ROLLBACK').catch((error: Error) => (broken = error));
      client.release(broken);
    }
  }

  let proof: LedgerProof | undefined;
  let ledger = '';
  if (opts.key) {
    const { rows } = await pool.query<{ value: string }>(`SELECT value FROM ${s}.ledger_meta WHERE name = 'ledger_id'`).catch(async (error: unknown) => {
      await pool.end();
      throw error;
    });
    ledger = rows[0]?.value ?? '';
    proof = createPostgresProof(pool, s, opts.key, ledger, transaction);
  }
  const key = opts.key;

  return {
    pool,
    schema: s,
    ...(proof ? { proof } : {}),
    migration,
    append: (entries, options) => transaction((client) => appendBatch(client, s, entries, options)),
    async read(subject, { after, limit }) {
      // One statement, so the page and the latest row come from one snapshot; one row more than asked tells whether more follow.
      const { rows } = await pool.query<StoredRow & { latest: boolean }>(
        `(SELECT ${ROW}, false AS latest FROM ${s}.receipts WHERE subject = $1 AND seq > $2 ORDER BY seq LIMIT $3)
         UNION ALL (SELECT ${ROW}, true FROM ${s}.receipts WHERE subject = $1 ORDER BY seq DESC LIMIT 1)`,
        [subject, after ?? 0, limit + 1],
      );
      const page: LedgerRow[] = [];
      let latest: LedgerRow | null = null;
      for (const { latest: isLatest, ...row } of rows) {
        if (isLatest) latest = toRow(row);
        else page.push(toRow(row));
      }
      return { rows: page.slice(0, limit), latest, more: page.length > limit };
    },
    erase: (subject, erasedAt) => transaction((client) => eraseSubject(client, s, subject, erasedAt, key ? { key, ledger } : null)),
    async *rows() {
      for await (const row of stream<StoredRow>(`SELECT ${ROW} FROM ${s}.receipts ORDER BY subject, seq`)) yield toRow(row);
    },
    async *tombstones() {
      for await (const t of stream<Tombstone>(`SELECT ${TOMB} FROM ${s}.tombstones ORDER BY seq`)) yield toTombstone(t);
    },
    close: () => pool.end(),
  };
}

/**
 * Erasure under the subject's lock (no append of it can interleave), then the
 * tombstone chain's lock (tombstones link across subjects, so they are appended
 * one at a time). The rows are deleted; their bytes stay in dead tuples until
 * VACUUM (docs/ledger.md, Erasure on PostgreSQL).
 */
async function eraseSubject(client: PoolClient, s: string, subject: string, erasedAt: string, proof: { key: LedgerKey; ledger: string } | null): Promise<Pending<EraseResult | null>> {
  const digest = subjectHash(subject);
  // The checkpoint lock first, as appends take theirs (shared) before their subjects': no deadlock.
  if (proof) await lockForCheckpoint(client);
  await lockSubjects(client, [subject]);
  const span = await client.query<{ n: number; first: string | null; last: string | null }>(
    `SELECT count(*)::int AS n, min(received_at) AS first, max(received_at) AS last FROM ${s}.receipts WHERE subject = $1`,
    [subject],
  );
  const { n = 0, first = null, last = null } = span.rows[0] ?? {};
  if (!n || !first || !last) {
    const existing = await client.query<Tombstone>(`SELECT ${TOMB} FROM ${s}.tombstones WHERE subject_hash = $1`, [digest]);
    const tombstone = existing.rows[0];
    return { value: tombstone ? { tombstone: toTombstone(tombstone), already: true, purged: false } : null };
  }
  const fields = { subjectHash: digest, receipts: n, firstReceivedAt: first, lastReceivedAt: last, erasedAt };
  let tombstone: Tombstone | undefined;
  const deleteAndBury = async () => {
    await client.query(`DELETE FROM ${s}.receipts WHERE subject = $1`, [subject]);
    await client.query(`SELECT pg_advisory_xact_lock(${LOCK_CLASS}, ${LOCK_TOMBSTONES})`);
    const previous = await client.query<{ hash: string }>(`SELECT hash FROM ${s}.tombstones ORDER BY seq DESC LIMIT 1`);
    const prevHash = previous.rows[0]?.hash ?? GENESIS_HASH;
    const hash = tombstoneHash(prevHash, fields);
    const inserted = await client.query<{ seq: string }>(
      `INSERT INTO ${s}.tombstones (subject_hash, receipts, first_received_at, last_received_at, erased_at, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq`,
      [digest, n, first, last, erasedAt, prevHash, hash],
    );
    tombstone = { seq: Number(inserted.rows[0]?.seq), ...fields, prevHash, hash };
  };
  // With a key, the erasure is covered by a checkpoint signed in the same commit (docs/ledger.md, Proof).
  const insert = proof ? await checkpointErasure(client, s, proof.key, proof.ledger, subject, erasedAt, deleteAndBury) : (await deleteAndBury(), undefined);
  // Deleted tuples keep their bytes until VACUUM reclaims the pages: not purged yet, whatever happens next.
  const value = { tombstone: tombstone!, already: false, purged: false };
  return insert ? { value, insert } : { value };
}
