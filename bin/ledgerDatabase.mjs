// The database a consentkit-ledger command works on (--db: an SQLite file or a postgres:// URL),
// opened the way each command needs it, and the signing key given for it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createPostgresProofReader, createPostgresStore, LedgerUnreadableError, openSqliteLedgerSnapshot } from '../dist/server.mjs';

export const isPostgres = (db) => /^postgres(ql)?:\/\//.test(db);

/** The database as printed: a URL without its password. */
export const shown = (db) => (isPostgres(db) ? db.replace(/:\/\/([^:@/]*):[^@/]*@/, '://$1:***@') : db);

/**
 * What every command is handed: the flags, the database they name, and how to
 * open it. Each opener exits with one line that says what failed, never a stack trace.
 * @param {Record<string, any>} values the parsed flags
 * @param {(message: string) => never} fail prints the message and the usage, exits 2
 */
export function commandContext(values, fail) {
  const postgres = isPostgres(values.db);
  const db = postgres ? values.db : resolve(values.db);
  /** The key flag or environment variable, as given (a path or PEM text), or undefined. */
  const keyValue = values.key ?? process.env.CONSENTKIT_LEDGER_KEY ?? undefined;

  /** Opens a PostgreSQL ledger, or exits with `exitCode` and why (a wrong URL, a server down, no pg). */
  async function openPostgres(url, options, exitCode) {
    try {
      return await createPostgresStore({ connection: url, ...options });
    } catch (error) {
      console.error(`consentkit-ledger: cannot open the PostgreSQL ledger at ${shown(url)}: ${error.message}`);
      process.exit(exitCode);
    }
  }

  /** A key value or the SQLite default beside the file; never creates one (these commands read only). */
  const readingKeyValue = () =>
    keyValue ?? (postgres ? fail("give the ledger's key with --key (or $CONSENTKIT_LEDGER_KEY): a PostgreSQL ledger has no default key file") : `${db}.key`);

  /** The ledger opened for reading only (a private copy of a file, or read-only transactions), or exit 2 with why not. */
  async function openForReading() {
    if (postgres) {
      // Read-only transactions and no migration: verify never writes to what it checks.
      const store = await openPostgres(db, { poolSize: 2, migrate: false, readOnly: true }, 2);
      if (store.migration.version === 0) {
        await store.close();
        console.log(`ledger CANNOT VERIFY: no ledger schema (${shown(db)})`);
        process.exit(2);
      }
      // Opened without a key, the store signs nothing; its proof tables are still read.
      return store.proof ? store : { ...store, proof: createPostgresProofReader(store.pool, store.schema) };
    }
    if (!existsSync(db)) {
      console.log(`ledger CANNOT VERIFY: no ledger file (${db})`);
      process.exit(2);
    }
    try {
      return openSqliteLedgerSnapshot(db);
    } catch (error) {
      if (!(error instanceof LedgerUnreadableError)) throw error;
      console.log(`ledger CANNOT VERIFY: ${error.message} (${db})`);
      process.exit(2);
    }
  }

  return { values, db, postgres, shown, fail, keyValue, openPostgres, readingKeyValue, openForReading };
}
