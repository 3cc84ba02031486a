import type { ClientBase } from 'pg';
import { GENESIS_HASH, chainHash, sha256Hex, subjectHash } from './canonicalJson';
import { LOCK_CHECKPOINT, LOCK_CLASS } from './postgresMigrations';
import type { AckedRow } from './proof/ack';
import { subjectLimitWait } from './subjectLimitWait';
import type { AppendOptions, AppendResult, LedgerEntry, LedgerFlag, SubjectLimit } from './types';

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

/** A transaction's answer, and the last statement to send together with its COMMIT. */
export interface Pending<T> {
  value: T;
  insert?: string;
}

interface Known {
  kind: 'erased' | 'id' | 'head' | 'recent';
  key: string;
  id: string | null;
  hash: string | null;
  n: number | null;
  at: string | null;
}

/**
 * One attempt at appending a batch, inside a transaction the caller opened.
 * With the subjects locked, one round trip reads the erased subjects, the
 * known ids, each subject's last row and (with a limit) how many of its newest
 * rows are inside the window; the links are computed here with the shared
 * helpers, and the new rows go in with one INSERT, sent with the COMMIT. The rules and their order
 * are the SQLite store's: an erased subject refuses the batch, then the
 * per-subject limit, then each id is stored or reported as a duplicate.
 */
export async function appendBatch(client: ClientBase, s: string, entries: readonly LedgerEntry[], options: AppendOptions): Promise<Pending<AppendResult>> {
  const { receivedAt, subjectLimit } = options;
  const now = Date.parse(receivedAt);
  const subjects = [...new Set(entries.map((e) => e.subject))];
  // Shared: appends run side by side; a checkpoint waits for them to commit (LOCK_CHECKPOINT).
  await client.query(`SELECT pg_advisory_xact_lock_shared(${LOCK_CLASS}, ${LOCK_CHECKPOINT})`);
  await lockSubjects(client, subjects);
  const known = await client.query<Known>(
    `SELECT 'erased' AS kind, subject_hash AS key, NULL::text AS id, NULL::text AS hash, NULL::int AS n, NULL::text AS at FROM ${s}.tombstones WHERE subject_hash = ANY($1::text[])
     UNION ALL SELECT 'id', id, subject, hash, NULL, received_at FROM ${s}.receipts WHERE id = ANY($2::text[])
     UNION ALL SELECT 'head', u.subject, r.id, r.hash, NULL, NULL FROM unnest($3::text[]) AS u(subject)
       CROSS JOIN LATERAL (SELECT id, hash FROM ${s}.receipts WHERE subject = u.subject ORDER BY seq DESC LIMIT 1) AS r
     UNION ALL SELECT 'recent', u.subject, NULL, NULL,
       (SELECT count(*)::int FROM (SELECT received_at FROM ${s}.receipts WHERE subject = u.subject ORDER BY seq DESC LIMIT $4) AS w WHERE w.received_at > $5), NULL
       FROM unnest($3::text[]) AS u(subject) WHERE $4 > 0`,
    [subjects.map(subjectHash), entries.map((e) => e.id), subjects, subjectLimit?.limit ?? 0, subjectLimit ? new Date(now - subjectLimit.windowMs).toISOString() : receivedAt],
  );
  const erasedHashes = new Set<string>();
  const ids = new Map<string, AckedRow>();
  const heads = new Map<string, { id: string; hash: string }>();
  const recent = new Map<string, number>();
  for (const row of known.rows) {
    if (row.kind === 'erased') erasedHashes.add(row.key);
    else if (row.kind === 'id') ids.set(row.key, { id: row.key, subject: row.id ?? '', hash: row.hash ?? '', receivedAt: row.at ?? '' });
    else if (row.kind === 'head') heads.set(row.key, { id: row.id ?? '', hash: row.hash ?? GENESIS_HASH });
    else recent.set(row.key, row.n ?? 0);
  }

  const erased = entries.filter((e) => erasedHashes.has(subjectHash(e.subject))).map((e) => e.id);
  if (erased.length) return { value: { status: 'erased', erased } };

  const fresh: LedgerEntry[] = [];
  const duplicates: string[] = [];
  const pending = new Set<string>();
  for (const entry of entries) {
    if (ids.has(entry.id) || pending.has(entry.id)) duplicates.push(entry.id);
    else {
      pending.add(entry.id);
      fresh.push(entry);
    }
  }
  if (subjectLimit) {
    const wait = await limitWait(client, s, fresh, recent, subjectLimit, now);
    if (wait > 0) return { value: { status: 'limited', retryAfterMs: wait } };
  }
  if (!fresh.length) return { value: { status: 'stored', stored: [], duplicates, rows: duplicates.map((id) => ids.get(id)!) } };

  const rows = fresh.map((entry) => {
    const head = heads.get(entry.subject);
    const mismatch: LedgerFlag[] = entry.previous === (head?.id ?? null) ? [] : ['previous-mismatch'];
    const flags = [...new Set([...entry.flags, ...mismatch])].sort();
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = chainHash(prevHash, { body: entry.body, receivedAt, flags });
    heads.set(entry.subject, { id: entry.id, hash });
    ids.set(entry.id, { id: entry.id, subject: entry.subject, hash, receivedAt });
    return { entry, flags, prevHash, hash };
  });
  // Sent with the COMMIT in one round trip (simple protocol, values as escaped literals): the subjects' locks are held one round trip less.
  const values = rows.map(({ entry, flags, prevHash, hash }) =>
    '(' + [entry.id, entry.subject, entry.timestamp, receivedAt, entry.body, flags.join(','), prevHash, hash].map((v) => client.escapeLiteral(v)).join(',') + ')',
  );
  // No ON CONFLICT: an id committed meanwhile under another subject (not locked by us) fails the whole batch with 23505, and it is retried.
  const insert = `INSERT INTO ${s}.receipts (id, subject, timestamp, received_at, body, flags, prev_hash, hash) VALUES ${values.join(',')}`;
  const stored = rows.map((r) => r.entry.id);
  return { value: { status: 'stored', stored, duplicates, rows: [...stored, ...duplicates].map((id) => ids.get(id)!) }, insert };
}


/**
 * 0 when every subject stays within its limit with this batch, else the ms
 * until the busiest subject may write it. The count of each subject's newest
 * rows inside the window came with the first query; only a subject over its
 * limit has its newest receive times read, and the wait is computed by the
 * same function as the SQLite store's.
 */
async function limitWait(client: ClientBase, s: string, fresh: readonly LedgerEntry[], recent: ReadonlyMap<string, number>, limit: SubjectLimit, now: number): Promise<number> {
  const incoming = new Map<string, number>();
  for (const entry of fresh) incoming.set(entry.subject, (incoming.get(entry.subject) ?? 0) + 1);
  let wait = 0;
  for (const [subject, count] of incoming) {
    if ((recent.get(subject) ?? 0) + count <= limit.limit) continue;
    const { rows } = await client.query<{ received_at: string }>(`SELECT received_at FROM ${s}.receipts WHERE subject = $1 ORDER BY seq DESC LIMIT $2`, [subject, limit.limit]);
    wait = Math.max(wait, subjectLimitWait(rows.map((r) => Date.parse(r.received_at)), count, limit, now));
  }
  return wait;
}
