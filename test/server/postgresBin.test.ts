// The bin on PostgreSQL: migrate, verify with its exit codes, and copy from SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPostgresStore, createSqliteStore, loadOrCreateLedgerKey, startLedgerServer, type LedgerStore } from '../../src/server/index';
import { makeReceipt, NOW } from './ledgerFixture';
import { binResult, killAll } from './ledgerProcess';
import { createTempDatabase, DATABASE_URL, type TempDatabase } from './postgresFixture';

const databases: TempDatabase[] = [];
const dir = mkdtempSync(join(tmpdir(), 'consentkit-pg-bin-'));
afterAll(async () => {
  killAll();
  for (const db of databases) await db.drop();
  rmSync(dir, { recursive: true, force: true });
});
async function freshDatabase() {
  const db = await createTempDatabase();
  databases.push(db);
  return db.url;
}
async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** Posts through the HTTP handler, so the rows are what a ledger in service writes. */
async function fill(store: LedgerStore) {
  const server = await startLedgerServer({ store, port: 0, clock: () => NOW, rateLimit: false });
  const [kept, erased] = [makeReceipt(), makeReceipt()];
  const later = makeReceipt({ subject: kept.subject, previous: kept.id, action: 'withdraw' }, 1);
  const post = (receipts: unknown[]) => fetch(server.endpoint + '/receipts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipts }) });
  await post([kept, erased, makeReceipt({ subject: kept.subject, previous: null }, 2)]);
  await post([later]);
  await fetch(`${server.endpoint}/subjects/${erased.subject}`, { method: 'DELETE' });
  const answer = await (await fetch(`${server.endpoint}/subjects/${kept.subject}`)).text();
  await server.close();
  return { subject: kept.subject, answer };
}

describe.skipIf(!DATABASE_URL)('consentkit-ledger on PostgreSQL', () => {
  let url: string;
  beforeAll(async () => {
    url = await freshDatabase();
  });

  test('migrate applies the schema once; verify says cannot verify (2) before it, OK (0) after, tampered (1) after an edit', async () => {
    expect(await binResult(['verify', '--db', url])).toMatchObject({ code: 2, output: expect.stringContaining('ledger CANNOT VERIFY: no ledger schema') });
    // verify wrote nothing: not even the schema.
    expect(await query(url, "SELECT nspname FROM pg_namespace WHERE nspname = 'consentkit'")).toEqual([]);

    const first = await binResult(['migrate', '--db', url]);
    expect(first).toMatchObject({ code: 0, output: expect.stringContaining('applied migrations 1, 2: schema at version 2') });
    expect(await binResult(['migrate', '--db', url])).toMatchObject({ code: 0, output: expect.stringContaining('nothing to migrate: schema at version 2') });
    expect(await query(url, 'SELECT version FROM consentkit.migrations')).toEqual([{ version: 1 }, { version: 2 }]);

    const store = await createPostgresStore(url);
    await fill(store);
    await store.close();
    expect(await binResult(['verify', '--db', url])).toMatchObject({ code: 0, output: expect.stringContaining('ledger OK: 3 receipts, 1 subjects, 1 tombstones') });

    await query(url, `DROP TRIGGER receipts_append_only ON consentkit.receipts; UPDATE consentkit.receipts SET timestamp = '2026-11-29T15:01:00.000Z' WHERE seq = (SELECT max(seq) FROM consentkit.receipts)`);
    const tampered = await binResult(['verify', '--db', url]);
    expect(tampered.code).toBe(1);
    expect(tampered.output).toContain('timestamp column differs from the receipt');

    await query(url, 'DROP TABLE consentkit.receipts');
    expect(await binResult(['verify', '--db', url])).toMatchObject({ code: 2, output: expect.stringContaining('ledger CANNOT VERIFY') });
  });

  test('a database newer than this code is refused, and a wrong URL fails in one line', async () => {
    const newer = await freshDatabase();
    expect((await binResult(['migrate', '--db', newer])).code).toBe(0);
    await query(newer, "INSERT INTO consentkit.migrations (version, name) VALUES (99, 'from the future')");
    const refused = await binResult(['--db', newer, '--port', '0']);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('is at version 99, newer than this consentkit (2)');

    const wrong = await binResult(['migrate', '--db', 'postgres://nobody:secret@127.0.0.1:1/none']);
    expect(wrong.code).toBe(1);
    expect(wrong.output).toMatch(/^consentkit-ledger: cannot open the PostgreSQL ledger at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: .+\n$/);
    expect(wrong.output).not.toContain('secret');
  });

  test('copy moves an SQLite ledger into PostgreSQL row for row: both verify, GET answers the same bytes, new receipts chain on', async () => {
    const file = join(dir, 'consent.db');
    const sqlite = createSqliteStore(file, { synchronous: 'normal' });
    const { subject, answer } = await fill(sqlite);
    sqlite.close();
    const target = await freshDatabase();

    const archive = join(dir, 'checkpoints.jsonl');
    expect((await binResult(['checkpoints', '--db', file, '--out', archive])).code).toBe(0);
    const copied = await binResult(['copy', '--from', file, '--to', target]);
    expect(copied).toMatchObject({ code: 0, output: expect.stringContaining('copied 3 receipts and 1 tombstones') });
    expect(copied.output).toContain('both verify');
    expect(await binResult(['verify', '--db', file])).toMatchObject({ code: 0, output: expect.stringContaining('ledger OK: 3 receipts, 1 subjects, 1 tombstones') });
    expect(await binResult(['verify', '--db', target])).toMatchObject({ code: 0, output: expect.stringContaining('ledger OK: 3 receipts, 1 subjects, 1 tombstones') });
    // The ledger's id, notices and checkpoint log move too: checkpoints archived before the move still verify the copy.
    expect(await binResult(['verify', '--db', target, '--checkpoints', archive, '--key', file + '.key'])).toMatchObject({ code: 0, output: expect.stringContaining('checkpoints OK') });

    // The PostgreSQL ledger signs with the file's key (what --key gives the bin): the same acks, byte for byte.
    const store = await createPostgresStore({ connection: target, key: loadOrCreateLedgerKey(file + '.key') });
    const server = await startLedgerServer({ store, port: 0, clock: () => NOW, rateLimit: false });
    expect(await (await fetch(`${server.endpoint}/subjects/${subject}`)).text()).toBe(answer);
    const next = makeReceipt({ subject });
    expect((await fetch(server.endpoint + '/receipts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipts: [next] }) })).status).toBe(201);
    await server.close();
    await store.close();
    expect(await binResult(['verify', '--db', target])).toMatchObject({ code: 0, output: expect.stringContaining('ledger OK: 4 receipts') });

    // Never into a ledger that already holds rows.
    const again = await binResult(['copy', '--from', file, '--to', target]);
    expect(again.code).toBe(1);
    expect(again.output).toContain('the PostgreSQL ledger is not empty');
  });
});
