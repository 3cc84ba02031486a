import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, chainHash, subjectHash, tombstoneHash } from './canonicalJson';
import type { AppendResult, EraseResult, LedgerEntry, LedgerRow, LedgerStore, Tombstone } from './types';

export interface SqliteStoreOptions {
  /**
   * 'full' syncs to disk before a 2xx is sent: the browser then drops its copy,
   * so an acknowledged receipt must survive a power cut. 'normal' survives a
   * process crash only, and is faster. @default 'full'
   */
  synchronous?: 'full' | 'normal';
}

/** better-sqlite3 is synchronous, so this store answers at once. */
export interface SqliteStore extends LedgerStore {
  /** The underlying better-sqlite3 connection (for backups and inspection). */
  readonly db: Database.Database;
  append(entries: readonly LedgerEntry[], receivedAt: string): AppendResult;
  read(subject: string): LedgerRow[];
  erase(subject: string, erasedAt: string): EraseResult | null;
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS receipts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  subject TEXT NOT NULL,
  timestamp TEXT NOT NULL,
  received_at TEXT NOT NULL,
  body TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS receipts_by_subject ON receipts (subject, seq);
CREATE TABLE IF NOT EXISTS tombstones (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_hash TEXT NOT NULL UNIQUE,
  receipts INTEGER NOT NULL,
  first_received_at TEXT NOT NULL,
  last_received_at TEXT NOT NULL,
  erased_at TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
-- Append-only at the SQL level too; the hash chain is what catches edits made around these.
CREATE TRIGGER IF NOT EXISTS receipts_append_only BEFORE UPDATE ON receipts
  BEGIN SELECT RAISE(ABORT, 'receipts are append-only'); END;
CREATE TRIGGER IF NOT EXISTS tombstones_append_only BEFORE UPDATE ON tombstones
  BEGIN SELECT RAISE(ABORT, 'tombstones are append-only'); END;
CREATE TRIGGER IF NOT EXISTS tombstones_kept BEFORE DELETE ON tombstones
  BEGIN SELECT RAISE(ABORT, 'tombstones are kept'); END;
PRAGMA user_version = 1;
`;

const ROW = `seq, id, subject, timestamp, received_at AS receivedAt, body, prev_hash AS prevHash, hash`;
const TOMB = `seq, subject_hash AS subjectHash, receipts, first_received_at AS firstReceivedAt,
  last_received_at AS lastReceivedAt, erased_at AS erasedAt, prev_hash AS prevHash, hash`;

/** The ledger in one SQLite file (WAL mode, prepared statements, one write transaction per call). */
export function createSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  // Erased rows are overwritten with zeros, not merely unlinked.
  db.pragma('secure_delete = ON');
  db.exec(SCHEMA);

  const q = {
    exists: db.prepare<[string], 1>('SELECT 1 FROM receipts WHERE id = ?').pluck(),
    head: db.prepare<[string], string>('SELECT hash FROM receipts WHERE subject = ? ORDER BY seq DESC LIMIT 1').pluck(),
    insert: db.prepare('INSERT OR IGNORE INTO receipts (id, subject, timestamp, received_at, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    read: db.prepare<[string], LedgerRow>(`SELECT ${ROW} FROM receipts WHERE subject = ? ORDER BY seq`),
    span: db.prepare<[string], { n: number; first: string | null; last: string | null }>(
      'SELECT count(*) AS n, min(received_at) AS first, max(received_at) AS last FROM receipts WHERE subject = ?',
    ),
    erase: db.prepare('DELETE FROM receipts WHERE subject = ?'),
    tombstone: db.prepare<[string], Tombstone>(`SELECT ${TOMB} FROM tombstones WHERE subject_hash = ?`),
    lastTombstone: db.prepare<[], string>('SELECT hash FROM tombstones ORDER BY seq DESC LIMIT 1').pluck(),
    insertTombstone: db.prepare(
      'INSERT INTO tombstones (subject_hash, receipts, first_received_at, last_received_at, erased_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    rows: db.prepare<[], LedgerRow>(`SELECT ${ROW} FROM receipts ORDER BY subject, seq`),
    tombstones: db.prepare<[], Tombstone>(`SELECT ${TOMB} FROM tombstones ORDER BY seq`),
  };

  const append = db.transaction((entries: readonly LedgerEntry[], receivedAt: string): AppendResult => {
    const result: AppendResult = { stored: [], duplicates: [], erased: [] };
    const erasedSubjects = new Map<string, boolean>();
    for (const entry of entries) {
      let erased = erasedSubjects.get(entry.subject);
      if (erased === undefined) erasedSubjects.set(entry.subject, (erased = q.tombstone.get(subjectHash(entry.subject)) !== undefined));
      if (erased) result.erased.push(entry.id);
      else if (q.exists.get(entry.id)) result.duplicates.push(entry.id);
      else {
        const prevHash = q.head.get(entry.subject) ?? GENESIS_HASH;
        const hash = chainHash(prevHash, { body: entry.body, receivedAt });
        q.insert.run(entry.id, entry.subject, entry.timestamp, receivedAt, entry.body, prevHash, hash);
        result.stored.push(entry.id);
      }
    }
    return result;
  });

  const erase = db.transaction((subject: string, erasedAt: string): EraseResult | null => {
    const digest = subjectHash(subject);
    const span = q.span.get(subject);
    if (!span?.n || !span.first || !span.last) {
      const existing = q.tombstone.get(digest);
      return existing ? { tombstone: existing, already: true } : null;
    }
    q.erase.run(subject);
    const fields = { subjectHash: digest, receipts: span.n, firstReceivedAt: span.first, lastReceivedAt: span.last, erasedAt };
    const prevHash = q.lastTombstone.get() ?? GENESIS_HASH;
    const hash = tombstoneHash(prevHash, fields);
    const { lastInsertRowid } = q.insertTombstone.run(digest, span.n, span.first, span.last, erasedAt, prevHash, hash);
    return { tombstone: { seq: Number(lastInsertRowid), ...fields, prevHash, hash }, already: false };
  });

  return {
    db,
    // IMMEDIATE takes the write lock before reading a chain's head, so two processes cannot fork a chain.
    append: (entries, receivedAt) => append.immediate(entries, receivedAt),
    read: (subject) => q.read.all(subject),
    erase(subject, erasedAt) {
      const result = erase.immediate(subject, erasedAt);
      // Old page images of the erased rows live on in the WAL until it is checkpointed and truncated.
      if (result && !result.already) db.pragma('wal_checkpoint(TRUNCATE)');
      return result;
    },
    rows: () => q.rows.iterate(),
    tombstones: () => q.tombstones.iterate(),
    close: () => void db.close(),
  };
}
