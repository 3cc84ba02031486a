// consentkit-ledger user add NAME --role editor|viewer: a console account, the password never on the command line.
import { addUser, createPostgresConfigStore, createSqliteConfigStore, createSqliteStore } from '../dist/server.mjs';
import { readPassword } from './readPassword.mjs';

/** Saves the account and exits 0, or fails (exit 2) with why. @param {ReturnType<import('./ledgerDatabase.mjs').commandContext>} context */
export async function runUserAdd(name, { values, db, postgres, shown, fail, openPostgres }) {
  if (values.role !== 'editor' && values.role !== 'viewer') fail('--role must be editor or viewer');
  const password = await readPassword(`Password for ${name}: `);
  const ledger = postgres ? await openPostgres(db, { poolSize: 1 }, 1) : createSqliteStore(db);
  try {
    await addUser(postgres ? createPostgresConfigStore(ledger.pool, ledger.schema) : createSqliteConfigStore(ledger.db), name, values.role, password);
  } catch (error) {
    await ledger.close();
    fail(error.message);
  }
  await ledger.close();
  console.log(`console account ${name} (${values.role}) saved in ${shown(db)}`);
  process.exit(0);
}
