// A ledger file holding many receipts, built once through the store itself
// (big transactions, synchronous=OFF while filling) and cached: copying it
// takes seconds where posting a million receipts would take minutes. The same
// file is what bench/lib/prefillPostgres.mjs loads into PostgreSQL.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { benchReceipt, randomId } from './ledgerReceipts.mjs';

/** Receipts per transaction while filling: large enough that commits do not dominate. */
const CHUNK = 20_000;

/**
 * Builds `template` with `count` receipts (two per subject, as a visitor who
 * decided and later changed their mind) unless it exists, then copies it to `target` when given.
 * @param {{ template: string, target?: string, count: number, log: (line: string) => void }} options
 */
export async function prefillLedger({ template, target, count, log }) {
  if (!existsSync(template)) {
    const { canonicalJson, createSqliteStore } = await import('../../dist/server.mjs');
    mkdirSync(dirname(template), { recursive: true });
    const partial = template + '.partial';
    rmSync(partial, { force: true });
    const store = createSqliteStore(partial, { synchronous: 'normal' });
    store.db.pragma('synchronous = OFF');
    const started = Date.now();
    const receivedAt = new Date(Date.now() - 86_400_000).toISOString();
    for (let done = 0; done < count; done += CHUNK) {
      const entries = [];
      for (let i = 0; i < CHUNK / 2; i++) {
        const subject = randomId();
        /** @type {string|null} */
        let previous = null;
        for (const minutes of [120, 60]) {
          const receipt = { ...benchReceipt(new Date(Date.now() - minutes * 60_000).toISOString(), subject), previous };
          entries.push({ id: receipt.id, subject, timestamp: receipt.timestamp, previous, body: canonicalJson(receipt) });
          previous = receipt.id;
        }
      }
      store.append(entries, { receivedAt });
      if ((done / CHUNK) % 10 === 0) log(`  prefill: ${done + CHUNK} / ${count} receipts (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    renameSync(partial, template);
    log(`  prefill: ${count} receipts in ${Math.round((Date.now() - started) / 1000)} s, cached at ${template}`);
  }
  if (target) copyFileSync(template, target);
}
