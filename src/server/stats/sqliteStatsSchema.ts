import type Database from 'better-sqlite3';

/** The statistics' schema version, in their own table: `PRAGMA user_version` belongs to the ledger. */
export const STATS_SCHEMA_VERSION = 1;

/** The fields counted, kept from a receipt erased before it was rolled up (SQLite JSON). Never its id, subject, previous or timestamp. */
export const sqliteKeptFacts = (body: string) =>
  `json_object(${['action', 'source', 'language', 'reason', 'gpc', 'configVersion', 'decisionSeconds', 'shownHash', 'categories', 'services'].map((field) => `'${field}', ${body} -> '$.${field}'`).join(', ')})`;

// Tables prefixed `stats_`, beside the ledger's in the same file; verify reads only the ledger's.
const TABLES = `
CREATE TABLE IF NOT EXISTS stats_schema (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS stats_counts (
  day TEXT NOT NULL,
  metric TEXT NOT NULL,
  key TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (day, metric, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stats_counts_by_metric ON stats_counts (metric, day);
CREATE TABLE IF NOT EXISTS stats_months (
  month TEXT NOT NULL,
  metric TEXT NOT NULL,
  key TEXT NOT NULL,
  count INTEGER NOT NULL,
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  PRIMARY KEY (month, metric, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stats_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
INSERT OR IGNORE INTO stats_cursor (id, seq) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS stats_pending (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  day TEXT NOT NULL,
  facts TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stats_tokens (
  name TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS stats_keep_erased BEFORE DELETE ON receipts
  WHEN OLD.seq > (SELECT seq FROM stats_cursor WHERE id = 1) AND json_valid(OLD.body)
  BEGIN
    INSERT INTO stats_pending (day, facts) VALUES (substr(OLD.received_at, 1, 10), ${sqliteKeptFacts('OLD.body')});
  END;`;

/** Creates the statistics' tables and trigger in one write transaction; refuses a file written by a newer version. */
export function migrateSqliteStats(db: Database.Database): void {
  db.transaction(() => {
    const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'stats_schema'").get();
    const version = exists ? (db.prepare<[], number>('SELECT version FROM stats_schema').pluck().get() ?? 0) : 0;
    if (version > STATS_SCHEMA_VERSION) throw new Error(`the statistics tables have schema version ${version}; this consentkit reads up to ${STATS_SCHEMA_VERSION}`);
    db.exec(TABLES);
    if (version === 0) db.prepare('INSERT INTO stats_schema (version) VALUES (?)').run(STATS_SCHEMA_VERSION);
  }).immediate();
}
