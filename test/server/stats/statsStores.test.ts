import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { canonicalJson, createPostgresStatsStore, createPostgresStore, createSqliteStatsStore, createSqliteStore } from '../../../src/server/index';
import { rollUpAll, statsStoreContract } from './statsStoreContract';

statsStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'consentkit-stats-'));
  const ledger = createSqliteStore(join(dir, 'consent.db'), { synchronous: 'normal' });
  return {
    ledger,
    stats: createSqliteStatsStore(ledger.db),
    close: async () => {
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

// Against PostgreSQL when DATABASE_URL names one (eval "$(scripts/pg-cluster.sh start)"); each ledger gets a schema of its own.
describe.runIf(process.env.DATABASE_URL)('PostgreSQL', () => {
  let n = 0;
  const open = async () => {
    const schema = `stats_test_${process.pid}_${Date.now()}_${n++}`;
    const ledger = await createPostgresStore({ connection: process.env.DATABASE_URL!, schema, poolSize: 4 });
    return {
      ledger,
      stats: createPostgresStatsStore(ledger.pool, ledger.schema),
      close: async () => {
        await ledger.pool.query(`DROP SCHEMA ${ledger.schema} CASCADE`);
        await ledger.close();
      },
    };
  };
  statsStoreContract('PostgreSQL', open);

  test('a receipt that commits after a later one is still counted: the roll-up waits for appends in flight', async () => {
    const { ledger, stats, close } = await open();
    try {
      const receipt = (id: string) => ({ id, subject: id.toUpperCase(), timestamp: '2026-11-02T10:00:00.000Z', action: 'accept-all', source: 'banner', categories: { necessary: true, preferences: true, analytics: true, marketing: true }, policy: { version: '1', url: null }, language: 'fr', previous: null, shownHash: '0f1e2d3c4b5a6978', gpc: false });
      // The statistics' tables and trigger exist before the slow transaction starts (their DDL would wait for it).
      await rollUpAll(stats);
      const slow = await ledger.pool.connect();
      await slow.query('BEGIN');
      // This row takes the smaller seq and stays uncommitted while a later one commits.
      await slow.query(`INSERT INTO ${ledger.schema}.receipts (id, subject, timestamp, received_at, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, 'x', 'y')`, ['a'.repeat(21), 'A'.repeat(21), '2026-11-02T10:00:00.000Z', '2026-11-02T10:00:00.000Z', canonicalJson(receipt('a'.repeat(21)))]);
      const later = receipt('b'.repeat(21));
      await ledger.append([{ id: later.id, subject: later.subject, timestamp: later.timestamp, previous: null, body: canonicalJson(later), flags: [] }], { receivedAt: '2026-11-02T10:00:01.000Z' });
      const rolling = rollUpAll(stats);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await slow.query('COMMIT');
      slow.release();
      await rolling;
      await rollUpAll(stats);
      const decisions = (await stats.rows('2026-11-02', '2026-11-02')).filter((row) => row.metric === 'decisions');
      expect(decisions).toEqual([{ day: '2026-11-02', metric: 'decisions', key: 'accept-all', count: 2 }]);
    } finally {
      await close();
    }
  }, 60_000);
});
