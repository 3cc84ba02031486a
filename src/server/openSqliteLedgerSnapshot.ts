import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LEDGER_VERSION, TOMBSTONE_SELECT, rowColumns, sqliteLedgerProblem } from './sqliteSchema';
import type { LedgerFlag, LedgerRow, LedgerStore, ProofReader, Tombstone } from './types';
import { createSqliteProofReader } from './proof/sqliteProof';

/** A ledger file opened for reading only, through a private copy. */
export interface SqliteLedgerSnapshot extends Pick<LedgerStore, 'rows' | 'tombstones'> {
  /** The proof tables (notices, checkpoints, the ledger id); empty for a file from before them. */
  readonly proof: ProofReader;
  /** Closes the copy and deletes it. */
  close(): void;
}

/** The file cannot be read as a ledger: verify's "cannot verify", never "OK". */
export class LedgerUnreadableError extends Error {
  override name = 'LedgerUnreadableError';
}

const COPY_ATTEMPTS = 5;

/**
 * Opens a ledger file for verification without changing a byte of it, its
 * -wal or its -shm. Even a read-only SQLite connection writes to a WAL
 * database's -shm (read marks, index recovery) and creates -wal and -shm when
 * they are missing, so it reads a copy instead: the file and its -wal are
 * copied to a private folder under the system temp directory (TMPDIR), and
 * the copy is opened. A copy during which either file changed is taken again,
 * so a running ledger is seen as of one instant. Works on read-only files and
 * folders. Throws LedgerUnreadableError when the file is not a ledger.
 */
export function openSqliteLedgerSnapshot(path: string): SqliteLedgerSnapshot {
  if (!existsSync(path) || !statSync(path).isFile()) throw new LedgerUnreadableError(`no ledger file at ${path}`);
  const dir = mkdtempSync(join(tmpdir(), 'consentkit-verify-'));
  let db: Database.Database | undefined;
  try {
    const copy = join(dir, 'ledger.db');
    copyConsistently(path, copy);
    db = new Database(copy, { fileMustExist: true });
    let problem: string | null;
    try {
      problem = sqliteLedgerProblem(db);
    } catch (error) {
      throw new LedgerUnreadableError(`not a readable SQLite database (${error instanceof Error ? error.message : String(error)})`);
    }
    if (problem) throw new LedgerUnreadableError(problem);
    const version = db.pragma('user_version', { simple: true }) as number;
    const rows = db.prepare<[], Omit<LedgerRow, 'flags'> & { flags: string }>(`SELECT ${rowColumns(Math.min(version, LEDGER_VERSION))} FROM receipts ORDER BY subject, seq`);
    const tombstones = db.prepare<[], Tombstone>(`SELECT ${TOMBSTONE_SELECT} FROM tombstones ORDER BY seq`);
    const open = db;
    return {
      proof: createSqliteProofReader(db, Math.min(version, LEDGER_VERSION)),
      *rows() {
        for (const row of rows.iterate()) yield { ...row, flags: row.flags ? (row.flags.split(',') as LedgerFlag[]) : [] };
      },
      tombstones: () => tombstones.iterate(),
      close() {
        if (open.open) open.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (db?.open) db.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Copies the database and its WAL, again when either changed meanwhile (a live ledger). */
function copyConsistently(path: string, copy: string): void {
  const wal = path + '-wal';
  const state = () => [path, wal].map((file) => (existsSync(file) ? `${statSync(file).size}:${statSync(file).mtimeMs}` : '-')).join('|');
  for (let attempt = 0; attempt < COPY_ATTEMPTS; attempt++) {
    const before = state();
    copyFileSync(path, copy);
    rmSync(copy + '-wal', { force: true });
    if (existsSync(wal)) copyFileSync(wal, copy + '-wal');
    if (state() === before) return;
  }
  throw new LedgerUnreadableError('the ledger kept changing while it was copied; verify a backup, or retry when it is quieter');
}
