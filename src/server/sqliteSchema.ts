import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

/** The schema version this code writes; `PRAGMA user_version` holds it. */
export const LEDGER_VERSION = 3;

const TABLES = `
CREATE TABLE IF NOT EXISTS receipts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  subject TEXT NOT NULL,
  timestamp TEXT NOT NULL,
  received_at TEXT NOT NULL,
  body TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  flags TEXT NOT NULL DEFAULT ''
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
);`;

/** Version 3: the proof (docs/ledger.md, Proof): the ledger's id, archived notices, the checkpoint log. */
const PROOF_TABLES = `
CREATE TABLE IF NOT EXISTS ledger_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notices (hash TEXT PRIMARY KEY, body TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS checkpoints (sequence INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS notices_kept BEFORE UPDATE ON notices BEGIN SELECT RAISE(ABORT, 'notices are kept as filed'); END;
CREATE TRIGGER IF NOT EXISTS checkpoints_append_only BEFORE UPDATE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
CREATE TRIGGER IF NOT EXISTS checkpoints_kept BEFORE DELETE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are kept'); END;
CREATE TRIGGER IF NOT EXISTS ledger_meta_kept BEFORE UPDATE ON ledger_meta BEGIN SELECT RAISE(ABORT, 'the ledger id is kept'); END;`;

// Append-only at the SQL level too; the hash chain is what catches edits made around these.
const TRIGGERS = `
CREATE TRIGGER IF NOT EXISTS receipts_append_only BEFORE UPDATE ON receipts
  BEGIN SELECT RAISE(ABORT, 'receipts are append-only'); END;
CREATE TRIGGER IF NOT EXISTS tombstones_append_only BEFORE UPDATE ON tombstones
  BEGIN SELECT RAISE(ABORT, 'tombstones are append-only'); END;
CREATE TRIGGER IF NOT EXISTS tombstones_kept BEFORE DELETE ON tombstones
  BEGIN SELECT RAISE(ABORT, 'tombstones are kept'); END;`;

/** Columns of every receipt ever stored, by schema version (version 1 had no flags). */
export const RECEIPT_COLUMNS = ['seq', 'id', 'subject', 'timestamp', 'received_at', 'body', 'prev_hash', 'hash'];
export const TOMBSTONE_COLUMNS = ['seq', 'subject_hash', 'receipts', 'first_received_at', 'last_received_at', 'erased_at', 'prev_hash', 'hash'];

/** SELECT list of a LedgerRow (flags as stored: comma-separated). */
export const rowColumns = (version: number) =>
  `seq, id, subject, timestamp, received_at AS receivedAt, body, ${version >= 2 ? 'flags' : "''"} AS flags, prev_hash AS prevHash, hash`;
export const TOMBSTONE_SELECT = `seq, subject_hash AS subjectHash, receipts, first_received_at AS firstReceivedAt,
  last_received_at AS lastReceivedAt, erased_at AS erasedAt, prev_hash AS prevHash, hash`;

/**
 * Creates or upgrades the ledger's tables in one write transaction, so two
 * processes opening the same file at once do not both migrate. Refuses a
 * file written by a newer version, or a SQLite file that holds other tables.
 */
export function migrateSqliteLedger(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LEDGER_VERSION) throw new Error(`this ledger file has schema version ${version}; this consentkit reads up to ${LEDGER_VERSION}`);
    if (version === 0) {
      const others = db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all();
      if (others.length) throw new Error(`this SQLite file is not a consentkit ledger (it has the tables ${others.slice(0, 5).join(', ')})`);
    }
    db.exec(TABLES);
    if (version === 1) db.exec("ALTER TABLE receipts ADD COLUMN flags TEXT NOT NULL DEFAULT ''");
    db.exec(TRIGGERS);
    db.exec(PROOF_TABLES);
    // The ledger's identity: a checkpoint names it, so another database (a swapped file) cannot pass for this one.
    db.prepare("INSERT OR IGNORE INTO ledger_meta (name, value) VALUES ('ledger_id', ?)").run(randomBytes(16).toString('base64url'));
    db.pragma(`user_version = ${LEDGER_VERSION}`);
  }).immediate();
}

/**
 * Why this file cannot be verified as a ledger, or null when its schema is one
 * this code reads. Reads only: verify must never create what is missing.
 */
export function sqliteLedgerProblem(db: Database.Database): string | null {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version < 1 || version > LEDGER_VERSION) return `not a consentkit ledger (schema version ${version})`;
  const columnsOf = (table: string) => db.prepare<[], string>(`SELECT name FROM pragma_table_info('${table}')`).pluck().all();
  const receipts = columnsOf('receipts');
  const tombstones = columnsOf('tombstones');
  if (!receipts.length && !tombstones.length) return 'both ledger tables are missing';
  const expected = version >= 2 ? [...RECEIPT_COLUMNS, 'flags'] : RECEIPT_COLUMNS;
  if (!sameSet(receipts, expected)) return receipts.length ? 'the receipts table has unexpected columns' : 'the receipts table is missing';
  if (!sameSet(tombstones, TOMBSTONE_COLUMNS)) return tombstones.length ? 'the tombstones table has unexpected columns' : 'the tombstones table is missing';
  if (version >= 3) {
    for (const table of ['ledger_meta', 'notices', 'checkpoints']) if (!columnsOf(table).length) return `the ${table} table is missing`;
  }
  return null;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && b.every((name) => a.includes(name));
