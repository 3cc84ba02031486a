// consentkit-ledger migrate and copy: setting up a PostgreSQL ledger, from nothing or from an SQLite one.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { copyLedger, LedgerUnreadableError, openSqliteLedgerSnapshot } from '../dist/server.mjs';
import { isPostgres } from './ledgerDatabase.mjs';

/** Brings the schema up to date, says what it applied, exits 0. @param {ReturnType<import('./ledgerDatabase.mjs').commandContext>} context */
export async function runMigrate({ db, postgres, shown, fail, openPostgres }) {
  if (!postgres) fail('migrate is for a PostgreSQL ledger (--db postgres://…); an SQLite file is set up when it is opened');
  const store = await openPostgres(db, { poolSize: 1 }, 1);
  const { applied, version } = store.migration;
  await store.close();
  console.log(`${applied.length ? `applied migrations ${applied.join(', ')}` : 'nothing to migrate'}: schema at version ${version} (${shown(db)})`);
  process.exit(0);
}

/** Copies an SQLite ledger into an empty PostgreSQL one and verifies both ends; exits 0, or 1 when it failed. @param {ReturnType<import('./ledgerDatabase.mjs').commandContext>} context */
export async function runCopy({ values, shown, fail, openPostgres }) {
  if (!values.from || !values.to || !isPostgres(values.to)) fail('copy needs --from FILE (an SQLite ledger) and --to postgres://…');
  const from = resolve(values.from);
  if (!existsSync(from)) fail(`no ledger at ${from}`);
  let source;
  try {
    source = openSqliteLedgerSnapshot(from);
  } catch (error) {
    if (!(error instanceof LedgerUnreadableError)) throw error;
    console.error(`consentkit-ledger: copy failed: ${error.message}`);
    process.exit(1);
  }
  const target = await openPostgres(values.to, { poolSize: 2 }, 1);
  try {
    const result = await copyLedger(source, target);
    console.log(`copied ${result.receipts} receipts and ${result.tombstones} tombstones from ${from} to ${shown(values.to)}; both verify`);
  } catch (error) {
    console.error(`consentkit-ledger: copy failed: ${error.message}`);
    process.exitCode = 1;
  } finally {
    source.close();
    await target.close();
  }
  process.exit();
}
