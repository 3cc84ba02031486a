import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { createPostgresConfigStore, createPostgresStore, createSqliteConfigStore, createSqliteStore } from '../../../src/server/index';
import { configStoreContract } from './configStoreContract';

configStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'consentkit-config-'));
  const ledger = createSqliteStore(join(dir, 'consent.db'), { synchronous: 'normal' });
  return {
    store: createSqliteConfigStore(ledger.db),
    close: async () => {
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

// Against PostgreSQL when DATABASE_URL names one (eval "$(scripts/pg-cluster.sh start)"); each store gets a schema of its own.
describe.runIf(process.env.DATABASE_URL)('PostgreSQL', () => {
  let n = 0;
  configStoreContract('PostgreSQL', async () => {
    const schema = `console_test_${process.pid}_${Date.now()}_${n++}`;
    const ledger = await createPostgresStore({ connection: process.env.DATABASE_URL!, schema, poolSize: 3 });
    return {
      store: createPostgresConfigStore(ledger.pool, ledger.schema),
      close: async () => {
        await ledger.pool.query(`DROP SCHEMA ${ledger.schema} CASCADE`);
        await ledger.close();
      },
    };
  });
});
