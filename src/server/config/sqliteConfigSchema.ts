import type Database from 'better-sqlite3';

/** The console's schema version, kept in its own table: `PRAGMA user_version` belongs to the ledger. */
export const CONSOLE_SCHEMA_VERSION = 1;

// Tables prefixed `console_`, beside the ledger's in the same file; verify reads only the ledger's.
const TABLES = `
CREATE TABLE IF NOT EXISTS console_schema (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS console_draft (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  config TEXT NOT NULL,
  updated_at TEXT,
  updated_by TEXT
);
CREATE TABLE IF NOT EXISTS console_versions (
  number INTEGER PRIMARY KEY,
  config TEXT NOT NULL,
  author TEXT NOT NULL,
  published_at TEXT NOT NULL,
  restored_from INTEGER,
  diff TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS console_audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS console_accounts (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
  password_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS console_sessions (
  id_hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  csrf TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TRIGGER IF NOT EXISTS console_versions_immutable BEFORE UPDATE ON console_versions
  BEGIN SELECT RAISE(ABORT, 'published versions are immutable'); END;
CREATE TRIGGER IF NOT EXISTS console_versions_kept BEFORE DELETE ON console_versions
  BEGIN SELECT RAISE(ABORT, 'published versions are kept'); END;
CREATE TRIGGER IF NOT EXISTS console_audit_append_only BEFORE UPDATE ON console_audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`;

/** Creates the console's tables in one write transaction; refuses a file written by a newer console. */
export function migrateSqliteConfig(db: Database.Database): void {
  db.transaction(() => {
    const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'console_schema'").get();
    const version = exists ? (db.prepare<[], number>('SELECT version FROM console_schema').pluck().get() ?? 0) : 0;
    if (version > CONSOLE_SCHEMA_VERSION) throw new Error(`the console's tables have schema version ${version}; this consentkit reads up to ${CONSOLE_SCHEMA_VERSION}`);
    db.exec(TABLES);
    if (version === 0) db.prepare('INSERT INTO console_schema (version) VALUES (?)').run(CONSOLE_SCHEMA_VERSION);
  }).immediate();
}
