// The store contract: the same stories, told through HTTP, against the SQLite
// store and the PostgreSQL store; then one script run on both, whose answers
// must match byte for byte; and the store-level contract (ledgerStoreContract.ts,
// run on SQLite by sqliteStore.test.ts) on PostgreSQL.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPostgresStore, createSqliteStore, generateLedgerKey, startLedgerServer, subjectHash, verifyLedger, type LedgerServer, type LedgerStore } from '../../src/server/index';
import { makeReceipt, NOW, withoutAcks } from './ledgerFixture';
import { ledgerStoreContract } from './ledgerStoreContract';
import { createTempDatabase, DATABASE_URL, HOW_TO_ENABLE, type TempDatabase } from './postgresFixture';

if (!DATABASE_URL) console.log(HOW_TO_ENABLE);

/** A store under test, with the few raw statements a test needs to look behind it. */
interface Subject {
  store: LedgerStore;
  /** How many rows hold this receipt id. */
  count(id: string): Promise<number>;
  /** Edits a stored body around the append-only guard, as an attacker with database access would. */
  tamper(id: string, from: string, to: string): Promise<void>;
  close(): Promise<void>;
}

/** One key for both stores: the same receipts then get byte-identical acknowledgements on each. */
const KEY = generateLedgerKey();
const dirs: string[] = [];
const databases: TempDatabase[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  for (const db of databases) await db.drop();
});

function openSqlite(): Subject {
  const dir = mkdtempSync(join(tmpdir(), 'consentkit-contract-'));
  dirs.push(dir);
  const store = createSqliteStore(join(dir, 'consent.db'), { synchronous: 'normal', key: KEY });
  return {
    store,
    count: async (id) => store.db.prepare('SELECT count(*) FROM receipts WHERE id = ?').pluck().get(id) as number,
    async tamper(id, from, to) {
      store.db.exec('DROP TRIGGER receipts_append_only');
      store.db.prepare('UPDATE receipts SET body = replace(body, ?, ?) WHERE id = ?').run(from, to, id);
    },
    close: async () => store.close(),
  };
}

/** This file's database on the cluster, created on first use. */
async function databaseUrl(): Promise<string> {
  if (!databases[0]) databases.push(await createTempDatabase());
  return databases[0]!.url;
}

async function openPostgres(schema = 'consentkit'): Promise<Subject> {
  const store = await createPostgresStore({ connection: await databaseUrl(), schema, key: KEY });
  const s = store.schema;
  return {
    store,
    async count(id) {
      const { rows } = await store.pool.query(`SELECT count(*)::int AS n FROM ${s}.receipts WHERE id = $1`, [id]);
      return rows[0].n as number;
    },
    async tamper(id, from, to) {
      await store.pool.query(`DROP TRIGGER receipts_append_only ON ${s}.receipts`);
      await store.pool.query(`UPDATE ${s}.receipts SET body = replace(body, $1, $2) WHERE id = $3`, [from, to, id]);
    },
    close: () => store.close(),
  };
}

const STORES = [
  { name: 'SQLite', open: async () => openSqlite(), skip: false },
  { name: 'PostgreSQL', open: () => openPostgres(), skip: !DATABASE_URL },
];

describe.each(STORES)('the $name store', ({ open, skip }) => {
  let subject: Subject;
  let server: LedgerServer;
  const post = (receipts: unknown[]) =>
    fetch(server.endpoint + '/receipts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipts }) });
  const get = (id: string) => fetch(`${server.endpoint}/subjects/${id}`);
  const erase = (id: string) => fetch(`${server.endpoint}/subjects/${id}`, { method: 'DELETE' });

  beforeAll(async () => {
    if (skip) return;
    subject = await open();
    server = await startLedgerServer({ store: subject.store, port: 0, clock: () => NOW, rateLimit: false });
  });
  afterAll(async () => {
    await server?.close();
    await subject?.close();
  });

  test.skipIf(skip)('the same receipt posted 50 times at once is stored once, every post answered 2xx', async () => {
    const receipt = makeReceipt();
    const responses = await Promise.all(Array.from({ length: 50 }, () => post([receipt])));
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ stored: string[]; duplicates: string[] }>));
    expect(responses.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(bodies.filter((b) => b.stored.includes(receipt.id))).toHaveLength(1);
    expect(bodies.filter((b) => b.duplicates.includes(receipt.id))).toHaveLength(49);
    expect(await subject.count(receipt.id)).toBe(1);
  });

  test.skipIf(skip)('a replayed batch stores nothing new and lists the duplicates, a repeat inside the batch too', async () => {
    const [a, b] = [makeReceipt(), makeReceipt()];
    expect((await post([a])).status).toBe(201);
    const replay = await post([a, b, b]);
    expect(replay.status).toBe(201);
    expect(await replay.json()).toMatchObject({ stored: [b.id], duplicates: [a.id, b.id], erased: [] });
    const again = await post([a, b]);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ stored: [], duplicates: [a.id, b.id], erased: [] });
    expect([await subject.count(a.id), await subject.count(b.id)]).toEqual([1, 1]);
  });

  test.skipIf(skip)('GET answers what was posted in receive order, pages chained onto each other, a wrong previous flagged', async () => {
    const id = makeReceipt().subject;
    const first = makeReceipt({ subject: id }, 30);
    const second = makeReceipt({ subject: id, action: 'withdraw', source: 'settings-button', previous: first.id, reason: 'expired' }, 10);
    const third = makeReceipt({ subject: id, action: 'save', previous: first.id }, 5);
    await post([first]);
    await post([second, third]);
    const body = await (await get(id)).json();
    expect(withoutAcks(body.receipts)).toEqual([first, second, third]);
    expect(body.decision).toMatchObject({ receipt: third.id, decidedAt: third.timestamp });
    expect(body.ledger.map((l: { flags: string[] }) => l.flags)).toEqual([[], [], ['previous-mismatch']]);

    const page1 = await subject.store.read(id, { after: null, limit: 2 });
    const page2 = await subject.store.read(id, { after: page1.rows[1]!.seq, limit: 2 });
    expect([page1.more, page2.more]).toEqual([true, false]);
    const rows = [...page1.rows, ...page2.rows];
    expect(rows.map((r) => r.id)).toEqual([first.id, second.id, third.id]);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    expect(page2.latest?.id).toBe(third.id);
    const next = await (await fetch(`${server.endpoint}/subjects/${id}?limit=2&cursor=${encodeURIComponent(body.next ?? (await (await fetch(`${server.endpoint}/subjects/${id}?limit=2`)).json()).next)}`)).json();
    expect(withoutAcks(next.receipts)).toEqual([third]);
  });

  test.skipIf(skip)('a subject over its write limit gets 429 with Retry-After and nothing of the batch is stored', async () => {
    const limited = await startLedgerServer({ store: subject.store, port: 0, clock: () => NOW, rateLimit: false, subjectLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const id = makeReceipt().subject;
      const postTo = (receipts: unknown[]) => fetch(limited.endpoint + '/receipts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipts }) });
      expect((await postTo([makeReceipt({ subject: id }), makeReceipt({ subject: id })])).status).toBe(201);
      const extra = [makeReceipt({ subject: id }), makeReceipt({ subject: id })];
      const over = await postTo([makeReceipt(), ...extra]);
      expect(over.status).toBe(429);
      expect(over.headers.get('retry-after')).toBe('60');
      expect(await subject.count(extra[0]!.id)).toBe(0);
      expect((await postTo([extra[0]])).status).toBe(201);
    } finally {
      await limited.close();
    }
  });

  test.skipIf(skip)('DELETE erases, leaves a tombstone, answers it again; a late retry of the subject is not stored', async () => {
    const receipt = makeReceipt();
    const other = makeReceipt();
    await post([receipt, other]);
    const once = await erase(receipt.subject);
    expect(once.status).toBe(200);
    const tombstone = await once.json();
    expect(tombstone).toMatchObject({ erased: true, already: false, tombstone: { subjectHash: subjectHash(receipt.subject), receipts: 1 } });
    expect(await (await erase(receipt.subject)).json()).toEqual({ ...tombstone, already: true });
    expect(await subject.count(receipt.id)).toBe(0);
    expect((await get(receipt.subject)).status).toBe(404);
    expect((await get(other.subject)).status).toBe(200);

    const fresh = makeReceipt({ subject: receipt.subject });
    const retry = await post([receipt, fresh]);
    expect(retry.status).toBe(410);
    expect(await retry.json()).toMatchObject({ error: 'subject_erased', erased: [receipt.id, fresh.id] });
    expect([await subject.count(receipt.id), await subject.count(fresh.id)]).toEqual([0, 0]);
    expect((await erase(makeReceipt().subject)).status).toBe(404);
  });

  test.skipIf(skip)('verify passes on what the ledger wrote, and names the row an attacker edited', async () => {
    const before = await verifyLedger(subject.store);
    expect(before.ok).toBe(true);
    const victim = makeReceipt();
    await post([victim]);
    await subject.tamper(victim.id, '"marketing":true', '"marketing":false');
    const after = await verifyLedger(subject.store);
    expect(after.ok).toBe(false);
    expect(after.status === 'tampered' && after.broken).toMatchObject({ table: 'receipts', id: victim.id, reason: 'content does not match its hash' });
  });
});

describe.skipIf(!DATABASE_URL)('both stores', () => {
  test('one script answers byte for byte the same on SQLite and on PostgreSQL, hashes included, but for purged', async () => {
    const subjects = [makeReceipt().subject, makeReceipt().subject, makeReceipt().subject];
    const receipts = subjects.flatMap((s, i) => [makeReceipt({ subject: s }, 30 + i), makeReceipt({ subject: s, action: 'save', gpc: i === 1 }, 20 - i)]);
    const transcripts: string[][] = [];
    const verifications: unknown[] = [];
    for (const subject of [openSqlite(), await openPostgres('contract_bytes')]) {
      const server = await startLedgerServer({ store: subject.store, port: 0, clock: () => NOW, rateLimit: false });
      const transcript: string[] = [];
      const call = async (path: string, init: RequestInit = {}) => {
        const response = await fetch(server.endpoint + path, init);
        transcript.push(`${init.method ?? 'GET'} ${path} → ${response.status} ${await response.text()}`);
      };
      const post = (batch: unknown[]) => call('/receipts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipts: batch }) });
      await post(receipts.slice(0, 3));
      await post(receipts.slice(2));
      await post(receipts);
      for (const s of subjects) await call(`/subjects/${s}`);
      await call(`/subjects/${subjects[1]}`, { method: 'DELETE' });
      await call(`/subjects/${subjects[1]}`, { method: 'DELETE' });
      await call(`/subjects/${subjects[2]}`, { method: 'DELETE' });
      await post([receipts[2]]);
      for (const s of subjects) await call(`/subjects/${s}`);
      transcripts.push(transcript);
      verifications.push(await verifyLedger(subject.store));
      await server.close();
      await subject.close();
    }
    const [sqlite = [], postgres = []] = transcripts;
    expect(sqlite).toHaveLength(13);
    // The one honest difference: SQLite overwrites erased rows at once; PostgreSQL keeps them as dead tuples until VACUUM.
    expect(sqlite.filter((line) => line.includes('"purged":true'))).toHaveLength(3);
    expect(postgres.map((line) => line.replace('"purged":false', '"purged":true'))).toEqual(sqlite);
    expect(verifications[1]).toEqual(verifications[0]);
    expect(verifications[0]).toMatchObject({ status: 'intact', receipts: 2, subjects: 1, tombstones: 2, flagged: { 'previous-mismatch': 1 } });
  });
});

describe.skipIf(!DATABASE_URL)('the store-level contract', () => {
  // A fresh schema in this file's database for each story.
  ledgerStoreContract('PostgreSQL', async () => {
    const store = await createPostgresStore({ connection: await databaseUrl(), schema: 'contract_' + randomBytes(4).toString('hex'), poolSize: 2, key: KEY });
    return {
      store,
      async dispose() {
        await store.pool.query(`DROP SCHEMA ${store.schema} CASCADE`);
        await store.close();
      },
    };
  });
});
