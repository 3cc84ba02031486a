import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, chainHash, subjectHash, tombstoneHash } from './canonicalJson';
import { createSqlitePurger } from './createSqlitePurger';
import { LEDGER_VERSION, TOMBSTONE_SELECT, migrateSqliteLedger, rowColumns } from './sqliteSchema';
import { subjectLimitWait } from './subjectLimitWait';
import { createSqliteProof, type SqliteProof } from './proof/sqliteProof';
import { generateLedgerKey, loadOrCreateLedgerKey, type LedgerKey } from './proof/ledgerKey';
import type { AckedRow } from './proof/ack';
import type { AppendOptions, AppendResult, EraseResult, LedgerEntry, LedgerFlag, LedgerRow, LedgerStore, PageRequest, SubjectPage, Tombstone } from './types';

export interface SqliteStoreOptions {
  /**
   * 'full' syncs to disk before a 2xx is sent: the browser then drops its copy,
   * so an acknowledged receipt must survive a power cut. 'normal' survives a
   * process crash only, and is faster. @default 'full'
   */
  synchronous?: 'full' | 'normal';
  /** A purge after an erasure failed with an error (e.g. a full disk); it is retried on its own. @default console.error */
  onError?: (error: unknown) => void;
  /**
   * The ledger's Ed25519 key (acknowledgements, checkpoints); false: no proof
   * kept (no acks, notices or checkpoints). @default the key in the file
   * `<path>.key`, created there (mode 0600) on first open; a fresh in-memory key for ':memory:'
   */
  key?: LedgerKey | false;
}

/** better-sqlite3 is synchronous, so this store answers at once. */
export interface SqliteStore extends LedgerStore {
  /** The underlying better-sqlite3 connection (for backups and inspection). */
  readonly db: Database.Database;
  append(entries: readonly LedgerEntry[], options: AppendOptions): AppendResult;
  read(subject: string, page: PageRequest): SubjectPage;
  erase(subject: string, erasedAt: string): EraseResult | null;
  close(): void;
  readonly proof?: SqliteProof;
}

/** The stored form of a row: flags as one comma-separated column. */
type StoredRow = Omit<LedgerRow, 'flags'> & { flags: string };
const toRow = (row: StoredRow): LedgerRow => ({ ...row, flags: row.flags ? (row.flags.split(',') as LedgerFlag[]) : [] });

/** The ledger in one SQLite file (WAL mode, prepared statements, one write transaction per call). */
export function createSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  // Erased rows are overwritten with zeros, not merely unlinked.
  db.pragma('secure_delete = ON');
  try {
    migrateSqliteLedger(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const purger = createSqlitePurger(db, options.onError ? { onError: options.onError } : {});
  // An erasure whose purge a crash or a stop interrupted is finished now.
  purger.erased();

  let proof: SqliteProof | undefined;
  try {
    const key = options.key ?? (path === ':memory:' ? generateLedgerKey() : loadOrCreateLedgerKey(path + '.key'));
    proof = key ? createSqliteProof(db, key) : undefined;
  } catch (error) {
    db.close();
    throw error;
  }

  const ROW = rowColumns(LEDGER_VERSION);
  const q = {
    existing: db.prepare<[string], AckedRow>('SELECT id, subject, hash, received_at AS receivedAt FROM receipts WHERE id = ?'),
    head: db.prepare<[string], { id: string; hash: string }>('SELECT id, hash FROM receipts WHERE subject = ? ORDER BY seq DESC LIMIT 1'),
    recent: db.prepare<[string, number], string>('SELECT received_at FROM receipts WHERE subject = ? ORDER BY seq DESC LIMIT ?').pluck(),
    insert: db.prepare('INSERT INTO receipts (id, subject, timestamp, received_at, body, flags, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    page: db.prepare<[string, number, number], StoredRow>(`SELECT ${ROW} FROM receipts WHERE subject = ? AND seq > ? ORDER BY seq LIMIT ?`),
    latest: db.prepare<[string], StoredRow>(`SELECT ${ROW} FROM receipts WHERE subject = ? ORDER BY seq DESC LIMIT 1`),
    span: db.prepare<[string], { n: number; first: string | null; last: string | null }>(
      'SELECT count(*) AS n, min(received_at) AS first, max(received_at) AS last FROM receipts WHERE subject = ?',
    ),
    erase: db.prepare('DELETE FROM receipts WHERE subject = ?'),
    tombstone: db.prepare<[string], Tombstone>(`SELECT ${TOMBSTONE_SELECT} FROM tombstones WHERE subject_hash = ?`),
    lastTombstone: db.prepare<[], string>('SELECT hash FROM tombstones ORDER BY seq DESC LIMIT 1').pluck(),
    insertTombstone: db.prepare(
      'INSERT INTO tombstones (subject_hash, receipts, first_received_at, last_received_at, erased_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    rows: db.prepare<[], StoredRow>(`SELECT ${ROW} FROM receipts ORDER BY subject, seq`),
    tombstones: db.prepare<[], Tombstone>(`SELECT ${TOMBSTONE_SELECT} FROM tombstones ORDER BY seq`),
  };

  const append = db.transaction((entries: readonly LedgerEntry[], options: AppendOptions): AppendResult => {
    const erased = new Map<string, boolean>();
    const isErased = (subject: string) => {
      let known = erased.get(subject);
      if (known === undefined) erased.set(subject, (known = q.tombstone.get(subjectHash(subject)) !== undefined));
      return known;
    };
    const refused = entries.filter((entry) => isErased(entry.subject)).map((entry) => entry.id);
    if (refused.length) return { status: 'erased', erased: refused };

    const rows = new Map<string, AckedRow>();
    const fresh: LedgerEntry[] = [];
    const duplicates: string[] = [];
    for (const entry of entries) {
      const existing = rows.has(entry.id) ? undefined : q.existing.get(entry.id);
      if (existing) rows.set(entry.id, existing);
      if (rows.has(entry.id) || fresh.some((f) => f.id === entry.id)) duplicates.push(entry.id);
      else fresh.push(entry);
    }

    if (options.subjectLimit) {
      const limit = options.subjectLimit;
      const now = Date.parse(options.receivedAt);
      const incoming = new Map<string, number>();
      for (const entry of fresh) incoming.set(entry.subject, (incoming.get(entry.subject) ?? 0) + 1);
      let wait = 0;
      for (const [subject, count] of incoming) {
        const recent = q.recent.all(subject, limit.limit).map(Date.parse);
        wait = Math.max(wait, subjectLimitWait(recent, count, limit, now));
      }
      if (wait > 0) return { status: 'limited', retryAfterMs: wait };
    }

    const heads = new Map<string, { id: string; hash: string } | null>();
    for (const entry of fresh) {
      if (!heads.has(entry.subject)) heads.set(entry.subject, q.head.get(entry.subject) ?? null);
      const head = heads.get(entry.subject) ?? null;
      const flags = new Set<LedgerFlag>(entry.flags);
      if (entry.previous !== (head?.id ?? null)) flags.add('previous-mismatch');
      const sorted = [...flags].sort();
      const prevHash = head?.hash ?? GENESIS_HASH;
      const hash = chainHash(prevHash, { body: entry.body, receivedAt: options.receivedAt, flags: sorted });
      q.insert.run(entry.id, entry.subject, entry.timestamp, options.receivedAt, entry.body, sorted.join(','), prevHash, hash);
      heads.set(entry.subject, { id: entry.id, hash });
      rows.set(entry.id, { id: entry.id, subject: entry.subject, hash, receivedAt: options.receivedAt });
    }
    const stored = fresh.map((entry) => entry.id);
    return { status: 'stored', stored, duplicates, rows: [...stored, ...duplicates].map((id) => rows.get(id)!) };
  });

  const erase = db.transaction((subject: string, erasedAt: string): Omit<EraseResult, 'purged'> | null => {
    const digest = subjectHash(subject);
    const span = q.span.get(subject);
    if (!span?.n || !span.first || !span.last) {
      const existing = q.tombstone.get(digest);
      return existing ? { tombstone: existing, already: true } : null;
    }
    const fields = { subjectHash: digest, receipts: span.n, firstReceivedAt: span.first, lastReceivedAt: span.last, erasedAt };
    let tombstone: Tombstone | undefined;
    const deleteAndBury = () => {
      q.erase.run(subject);
      const prevHash = q.lastTombstone.get() ?? GENESIS_HASH;
      const hash = tombstoneHash(prevHash, fields);
      const { lastInsertRowid } = q.insertTombstone.run(digest, span.n, span.first, span.last, erasedAt, prevHash, hash);
      tombstone = { seq: Number(lastInsertRowid), ...fields, prevHash, hash };
    };
    // With a key, the erasure is covered by a checkpoint signed in the same commit (docs/ledger.md, Proof).
    if (proof) proof.checkpointErasure(subject, erasedAt, deleteAndBury);
    else deleteAndBury();
    return { tombstone: tombstone!, already: false };
  });

  return {
    db,
    ...(proof ? { proof } : {}),
    // IMMEDIATE takes the write lock before reading a chain's head, so two processes cannot fork a chain.
    append: (entries, options) => append.immediate(entries, options),
    read(subject, page) {
      const rows = q.page.all(subject, page.after ?? 0, page.limit + 1).map(toRow);
      const more = rows.length > page.limit;
      if (more) rows.pop();
      const latest = q.latest.get(subject);
      return { rows, latest: latest ? toRow(latest) : null, more };
    },
    erase(subject, erasedAt) {
      const result = erase.immediate(subject, erasedAt);
      if (!result) return null;
      // Only after the commit: the erasure stands even when purging its old bytes has to wait.
      return { ...result, purged: result.already ? purger.purged : purger.erased() };
    },
    *rows() {
      for (const row of q.rows.iterate()) yield toRow(row);
    },
    tombstones: () => q.tombstones.iterate(),
    close() {
      purger.stop();
      // Closing the last connection checkpoints the WAL once more and removes it.
      if (db.open) db.close();
    },
  };
}
