import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../../src/server/index';
import { ledgerStoreContract } from './ledgerStoreContract';

ledgerStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'consentkit-contract-'));
  const store = createSqliteStore(join(dir, 'consent.db'), { synchronous: 'normal' });
  return {
    store,
    async dispose() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
