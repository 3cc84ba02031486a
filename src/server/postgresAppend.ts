import type { ClientBase } from 'pg';
import { GENESIS_HASH, chainHash, sha256Hex, subjectHash } from './canonicalJson';
import { LOCK_CLASS } from './postgresMigrations';
import type { AppendResult, LedgerEntry } from './types';

/**
 * The advisory-lock key of a subject: 32 bits of a digest. Two subjects that
 * share a key are merely serialised together; a chain never depends on it.
 */
export function subjectLockKey(subject: string): number {
  return Number.parseInt(sha256Hex('consentkit:subject-lock:' + subject).slice(0, 8), 16) | 0;
}

/**
 * Takes the subjects' locks for the rest of the transaction, always in
 * ascending key order, so two batches naming the same subjects cannot deadlock.
 * unnest yields the array in order and the locks are taken row by row.
 */
export async function lockSubjects(client: ClientBase, subjects: Iterable<string>): Promise<void> {
  const keys = [...new Set([...subjects].map(subjectLockKey))].sort((a, b) => a - b);
  await client.query(`SELECT pg_advisory_xact_lock(${LOCK_CLASS}, k) FROM unnest($1::int4[]) AS k`, [keys]);
}

/** Raised when an insert met a receipt id committed meanwhile under another subject: the caller retries the whole batch. */
export class AppendConflict extends Error {
  constructor() {
    super('a receipt id was stored by another transaction meanwhile');
  }
}

/**
 * One attempt at appending a batch, inside a transaction the caller opened.
 * With the subjects locked, the erased subjects, the known ids and each
 * subject's head are read in one round trip, the links are computed here with
 * the shared helpers, and the new rows go in with one INSERT. The same rules
 * as SQLite decide each entry: erased subject first, then a known id, then store.
 */
export async function appendBatch(client: ClientBase, s: string, entries: readonly LedgerEntry[], receivedAt: string): Promise<AppendResult> {
  const subjects = [...new Set(entries.map((e) => e.subject))];
  await lockSubjects(client, subjects);
  const known = await client.query<{ kind: 'erased' | 'id' | 'head'; key: string; hash: string | null }>(
    `SELECT 'erased' AS kind, subject_hash AS key, NULL AS hash FROM ${s}.tombstones WHERE subject_hash = ANY($1::text[])
     UNION ALL SELECT 'id', id, NULL FROM ${s}.receipts WHERE id = ANY($2::text[])
     UNION ALL SELECT 'head', u.subject, r.hash FROM unnest($3::text[]) AS u(subject)
       CROSS JOIN LATERAL (SELECT hash FROM ${s}.receipts WHERE subject = u.subject ORDER BY seq DESC LIMIT 1) AS r`,
    [subjects.map(subjectHash), entries.map((e) => e.id), subjects],
  );
  const erasedHashes = new Set<string>();
  const ids = new Set<string>();
  const heads = new Map<string, string>();
  for (const row of known.rows) {
    if (row.kind === 'erased') erasedHashes.add(row.key);
    else if (row.kind === 'id') ids.add(row.key);
    else heads.set(row.key, row.hash ?? GENESIS_HASH);
  }

  const result: AppendResult = { stored: [], duplicates: [], erased: [] };
  const rows: { entry: LedgerEntry; prevHash: string; hash: string }[] = [];
  for (const entry of entries) {
    if (erasedHashes.has(subjectHash(entry.subject))) result.erased.push(entry.id);
    else if (ids.has(entry.id)) result.duplicates.push(entry.id);
    else {
      const prevHash = heads.get(entry.subject) ?? GENESIS_HASH;
      const hash = chainHash(prevHash, { body: entry.body, receivedAt });
      heads.set(entry.subject, hash);
      ids.add(entry.id);
      rows.push({ entry, prevHash, hash });
      result.stored.push(entry.id);
    }
  }
  if (!rows.length) return result;

  const inserted = await client.query(
    `INSERT INTO ${s}.receipts (id, subject, timestamp, received_at, body, prev_hash, hash)
     SELECT id, subject, ts, $4, body, prev, hash
       FROM unnest($1::text[], $2::text[], $3::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS u(id, subject, ts, body, prev, hash, n)
       ORDER BY n
     ON CONFLICT (id) DO NOTHING`,
    [
      rows.map((r) => r.entry.id),
      rows.map((r) => r.entry.subject),
      rows.map((r) => r.entry.timestamp),
      receivedAt,
      rows.map((r) => r.entry.body),
      rows.map((r) => r.prevHash),
      rows.map((r) => r.hash),
    ],
  );
  // An id taken meanwhile under another subject (not locked by us): skipping it would leave a gap in our chain.
  if (inserted.rowCount !== rows.length) throw new AppendConflict();
  return result;
}
