// consentkit-ledger token add|list|revoke: API tokens for GET {base}/stats (JSON and CSV), for
// tools that chart the statistics elsewhere. The token is printed once; the database keeps its SHA-256.
import { addApiToken, createPostgresConfigStore, createPostgresStatsStore, createSqliteConfigStore, createSqliteStatsStore, createSqliteStore, revokeApiToken } from '../dist/server.mjs';

export const TOKEN_USAGE = `  consentkit-ledger token add NAME [--db FILE|URL]
      an API token for GET {base}/stats (Authorization: Bearer …), printed once, stored hashed
  consentkit-ledger token list [--db FILE|URL]
  consentkit-ledger token revoke NAME [--db FILE|URL]`;

/**
 * Runs a token command and exits: 0 done, 1 nothing to revoke or the database failed, 2 bad arguments.
 * @param {string[]} args the words after `token`
 * @param {{ db: string, postgres: boolean, shown: (db: string) => string, fail: (message: string) => never, openPostgres: (url: string, options: object, exitCode: number) => Promise<any> }} context
 */
export async function runTokenCommand(args, { db, postgres, shown, fail, openPostgres }) {
  const [action, name, ...extra] = args;
  const named = action === 'add' || action === 'revoke';
  if (!['add', 'list', 'revoke'].includes(action ?? '') || (named && !name) || (!named && name !== undefined) || extra.length) {
    fail('token takes add NAME, list, or revoke NAME');
  }
  const ledger = postgres ? await openPostgres(db, { poolSize: 1 }, 1) : createSqliteStore(db);
  const stats = postgres ? createPostgresStatsStore(ledger.pool, ledger.schema) : createSqliteStatsStore(ledger.db);
  const audit = postgres ? createPostgresConfigStore(ledger.pool, ledger.schema) : createSqliteConfigStore(ledger.db);
  let code = 0;
  try {
    if (action === 'add') {
      const token = await addApiToken(stats, audit, name);
      console.log(`API token ${name} saved in ${shown(db)}; it is shown this once:\n${token}`);
    } else if (action === 'list') {
      const tokens = await stats.tokens();
      if (!tokens.length) console.log(`no API tokens in ${shown(db)}`);
      for (const token of tokens) console.log(`${token.name}\tcreated ${token.createdAt}`);
    } else if (await revokeApiToken(stats, audit, name)) {
      console.log(`API token ${name} revoked in ${shown(db)}`);
    } else {
      console.error(`consentkit-ledger: no API token named ${name} in ${shown(db)}`);
      code = 1;
    }
  } catch (error) {
    await ledger.close();
    if (error instanceof RangeError) fail(error.message);
    console.error(`consentkit-ledger: token ${action} failed: ${error.message}`);
    process.exit(1);
  }
  await ledger.close();
  process.exit(code);
}
