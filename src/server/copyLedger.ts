import { inPgTransaction } from './inPgTransaction';
import { canonicalJson } from './canonicalJson';
import type { PostgresStore } from './createPostgresStore';
import type { LedgerRow, LedgerStore, ProofReader, Tombstone } from './types';
import type { PoolClient } from 'pg';
import { verifyLedger, type VerifyResult } from './verifyLedger';

/** Rows sent per INSERT while copying. */
const BATCH = 500;

export interface CopyResult {
  /** verify on the source before anything was written. */
  source: VerifyResult;
  /** verify on the PostgreSQL ledger after the copy committed. */
  target: VerifyResult;
  /** Rows copied. */
  receipts: number;
  tombstones: number;
}

/** Why a copy did not happen or did not match: nothing is left half-written (the copy is one transaction). */
export class CopyError extends Error {
  override name = 'CopyError';
}

/**
 * Moves a ledger (an SQLite file, typically) into an empty PostgreSQL ledger,
 * row for row: seq, receive times, flags and hashes are kept as they are, so
 * every chain and every answer stays the same. The source is verified first
 * and the target after; a broken source is not copied, and the copied rows are
 * compared with the source's one by one. Stop the ledger that writes to the
 * source before copying: receipts stored meanwhile would not be copied.
 */
export async function copyLedger(from: Pick<LedgerStore, 'rows' | 'tombstones'> & { proof?: ProofReader | undefined }, to: PostgresStore): Promise<CopyResult> {
  const source = await verifyLedger(from);
  if (source.status === 'tampered') throw new CopyError(`the source ledger is broken at ${source.broken.table} row ${source.broken.seq}: ${source.broken.reason}; nothing copied`);
  if (source.status === 'unverifiable') throw new CopyError(`the source ledger cannot be verified (${source.problem}); nothing copied`);
  const s = to.schema;
  let receipts = 0;
  let tombstones = 0;
  await inPgTransaction(to.pool, async (client) => {
    // No ledger process may write while the rows go in with their original seq.
    await client.query(`LOCK TABLE ${s}.receipts, ${s}.tombstones IN EXCLUSIVE MODE`);
    const { rows } = await client.query<{ n: number }>(`SELECT (SELECT count(*) FROM ${s}.receipts) + (SELECT count(*) FROM ${s}.tombstones) AS n`);
    if (Number(rows[0]?.n) > 0) throw new CopyError('the PostgreSQL ledger is not empty; copy only into a new one');
    for await (const batch of batches(from.rows())) {
      await client.query(
        `INSERT INTO ${s}.receipts (seq, id, subject, timestamp, received_at, body, flags, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])`,
        [batch.map((r) => r.seq), ...(['id', 'subject', 'timestamp', 'receivedAt', 'body'] as const).map((k) => batch.map((r) => r[k])), batch.map((r) => r.flags.join(',')), batch.map((r) => r.prevHash), batch.map((r) => r.hash)],
      );
      receipts += batch.length;
    }
    for await (const batch of batches(from.tombstones())) {
      await client.query(
        `INSERT INTO ${s}.tombstones (seq, subject_hash, receipts, first_received_at, last_received_at, erased_at, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
        (['seq', 'subjectHash', 'receipts', 'firstReceivedAt', 'lastReceivedAt', 'erasedAt', 'prevHash', 'hash'] as const).map((k) => batch.map((t) => t[k])),
      );
      tombstones += batch.length;
    }
    if (from.proof) await copyProof(client, s, from.proof);
    // New rows continue after the copied ones.
    for (const table of ['receipts', 'tombstones']) {
      await client.query(`SELECT setval(pg_get_serial_sequence('${s}.${table}', 'seq'), max(seq)) FROM ${s}.${table} HAVING count(*) > 0`);
    }
  });

  const target = await verifyLedger(to);
  if (!target.ok || target.receipts !== source.receipts || target.tombstones !== source.tombstones) {
    const counts = (r: VerifyResult) => `${r.status}: ${r.receipts} receipts, ${r.tombstones} tombstones`;
    throw new CopyError(`the copy does not verify like the source (source ${counts(source)}, copy ${counts(target)})`);
  }
  await sameRows(from.rows(), to.rows());
  await sameRows(from.tombstones(), to.tombstones());
  return { source, target, receipts, tombstones };
}

async function* batches<T>(items: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Both stores list rows in the same order (subject bytes, then seq), so a copy is checked in one pass. */
async function sameRows<T extends LedgerRow | Tombstone>(a: Iterable<T> | AsyncIterable<T>, b: AsyncIterable<T>): Promise<void> {
  const other = b[Symbol.asyncIterator]();
  for await (const left of a) {
    const right = await other.next();
    if (right.done || canonicalJson(left) !== canonicalJson(right.value)) {
      await other.return?.();
      throw new CopyError(`the copy differs from the source at seq ${left.seq}`);
    }
  }
  if (!(await other.next()).done) throw new CopyError('the copy has rows the source lacks');
}

/**
 * The proof moves with the rows: the ledger's id (so checkpoints archived
 * before the move still name this ledger), its notices and its checkpoint log
 * (they commit to the same seqs and hashes, which the copy keeps). A target
 * that signed checkpoints of its own already is refused.
 */
async function copyProof(client: PoolClient, s: string, proof: ProofReader): Promise<void> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${s}.checkpoints`);
  if (Number(rows[0]?.n) > 0) throw new CopyError('the PostgreSQL ledger has signed checkpoints already; copy only into a new one');
  const ledgerId = await proof.ledgerId();
  if (ledgerId) {
    await client.query(`ALTER TABLE ${s}.ledger_meta DISABLE TRIGGER ledger_meta_kept`);
    await client.query(`UPDATE ${s}.ledger_meta SET value = $1 WHERE name = 'ledger_id'`, [ledgerId]);
    await client.query(`ALTER TABLE ${s}.ledger_meta ENABLE TRIGGER ledger_meta_kept`);
  }
  for await (const batch of batches(proof.notices())) {
    await client.query(`INSERT INTO ${s}.notices (hash, body, received_at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [
      batch.map((n) => n.hash),
      batch.map((n) => n.body),
      batch.map((n) => n.receivedAt),
    ]);
  }
  for (const batch of chunk(await proof.checkpoints(0))) {
    await client.query(`INSERT INTO ${s}.checkpoints (sequence, body) SELECT * FROM unnest($1::bigint[], $2::text[])`, [batch.map((cp) => cp.sequence), batch.map((cp) => JSON.stringify(cp))]);
  }
}

function chunk<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}
