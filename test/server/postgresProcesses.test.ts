// Several ledger processes on one PostgreSQL database, as behind a load
// balancer: the chains stay linear under concurrent writes and survive kill -9.
import { nanoid } from 'nanoid';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeReceipt } from './ledgerFixture';
import { killAll, runBin, serveBin, type LedgerProcess } from './ledgerProcess';
import { createTempDatabase, DATABASE_URL, type TempDatabase } from './postgresFixture';

const PROCESSES = 4;
const CONNECTIONS = 16;
const SUBJECTS = Array.from({ length: 50 }, () => nanoid());
// The bin's limits are for browsers, not for this load.
const LOAD_FLAGS = ['--no-rate-limit', '--no-subject-limit'];

let database: TempDatabase;
let sql: pg.Pool;
beforeAll(async () => {
  if (!DATABASE_URL) return;
  database = await createTempDatabase();
  sql = new pg.Pool({ connectionString: database.url, max: 2 });
});
afterAll(async () => {
  killAll();
  await sql?.end();
  await database?.drop();
});

/**
 * `count` receipts for the shared subjects, in batches of `size`, dated a
 * minute ago by the real clock the bins use. A batch holds one subject's
 * receipts, as a browser's outbox sends them, except every tenth, which spans
 * `size` subjects and so takes many subjects' locks at once.
 */
function makeBatches(count: number, size: number) {
  const timestamp = new Date(Date.now() - 60_000).toISOString();
  return Array.from({ length: count / size }, (_, b) =>
    Array.from({ length: size }, (_, j) => makeReceipt({ subject: SUBJECTS[(b % 10 === 5 ? b + j : b) % SUBJECTS.length]!, timestamp })),
  );
}

interface Tally {
  /** Ids of every batch a ledger answered 2xx: the browser would drop its copies. */
  acknowledged: Set<string>;
  /** How many times each id was reported `stored`. */
  storedClaims: Map<string, number>;
  failures: number;
}

/** Posts one batch; true when acknowledged. */
async function post(endpoint: string, batch: { id: string }[], tally: Tally): Promise<boolean> {
  let response: Response;
  try {
    response = await fetch(endpoint + '/receipts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipts: batch }) });
  } catch {
    tally.failures++;
    return false;
  }
  if (response.status !== 200 && response.status !== 201) {
    tally.failures++;
    await response.body?.cancel();
    return false;
  }
  const answer = (await response.json()) as { stored: string[]; duplicates: string[] };
  for (const id of answer.stored) tally.storedClaims.set(id, (tally.storedClaims.get(id) ?? 0) + 1);
  for (const receipt of batch) tally.acknowledged.add(receipt.id);
  return true;
}

/** PROCESSES × CONNECTIONS clients drain the queue; a batch that fails is retried on the next process, as a browser's outbox would. */
async function drain(queue: { id: string }[][], ledgers: () => LedgerProcess[], tally: Tally): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PROCESSES * CONNECTIONS }, async (_, client) => {
      for (let batch = queue[next++]; batch; batch = queue[next++]) {
        for (let attempt = 0; !(await post(ledgers()[(client + attempt) % PROCESSES]!.endpoint, batch, tally)); attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    }),
  );
}

/** What the database holds, against what was acknowledged. */
async function audit(tally: Tally) {
  const { rows } = await sql.query<{ rows: number; ids: number; subjects: number }>(
    'SELECT count(*)::int AS rows, count(DISTINCT id)::int AS ids, count(DISTINCT subject)::int AS subjects FROM consentkit.receipts',
  );
  const stored = new Set((await sql.query<{ id: string }>('SELECT id FROM consentkit.receipts')).rows.map((r) => r.id));
  const missing = [...tally.acknowledged].filter((id) => !stored.has(id));
  const doubled = [...tally.storedClaims].filter(([, n]) => n > 1);
  return { ...rows[0]!, missing: missing.length, doubled: doubled.length };
}

async function verifyBin(db: string) {
  const run = runBin(['verify', '--db', db]);
  return { code: await run.exited, output: run.output() };
}

/** Receipts posted while processes are killed. */
const KILL_LOAD = 24_000;

describe.skipIf(!DATABASE_URL)('ledger processes sharing PostgreSQL', () => {
  test('4 processes x 16 connections store 20,000 receipts for the same 50 subjects: one linear chain each, no gap, no double', async () => {
    // All four start at once on an empty database: the migration runs once, under its lock.
    const ledgers = await Promise.all(Array.from({ length: PROCESSES }, () => serveBin(database.url, LOAD_FLAGS)));
    const batches = makeBatches(20_000, 20);
    // Every tenth batch is sent a second time, to another process, as a retry after a lost answer would be.
    const queue = batches.flatMap((batch, i) => (i % 10 === 0 ? [batch, batch] : [batch]));
    const tally: Tally = { acknowledged: new Set(), storedClaims: new Map(), failures: 0 };
    await drain(queue, () => ledgers, tally);

    expect(tally.failures).toBe(0);
    expect(tally.acknowledged.size).toBe(20_000);
    expect(await audit(tally)).toEqual({ rows: 20_000, ids: 20_000, subjects: 50, missing: 0, doubled: 0 });
    expect([...tally.storedClaims.values()].reduce((a, b) => a + b, 0)).toBe(20_000);
    const migrations = await sql.query('SELECT version FROM consentkit.migrations');
    expect(migrations.rows).toEqual([{ version: 1 }, { version: 2 }]);

    const verified = await verifyBin(database.url);
    expect(verified.output).toContain('ledger OK: 20000 receipts, 50 subjects, 0 tombstones');
    expect(verified.code).toBe(0);
    for (const ledger of ledgers) ledger.child.kill('SIGTERM');
    expect(await Promise.all(ledgers.map((l) => l.exited))).toEqual([0, 0, 0, 0]);
  }, 90_000);

  test('kill -9 of one process mid-write, 5 times: no acknowledged receipt is lost and verify passes', async () => {
    const ledgers = await Promise.all(Array.from({ length: PROCESSES }, () => serveBin(database.url, LOAD_FLAGS)));
    const tally: Tally = { acknowledged: new Set(), storedClaims: new Map(), failures: 0 };
    const before = (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM consentkit.receipts')).rows[0]!.n;
    const load = drain(makeBatches(KILL_LOAD, 20), () => ledgers, tally);
    const kills: number[] = [];
    for (let kill = 0; kill < 5; kill++) {
      // Kill while receipts are being acknowledged: after every 1,000 more. The load is large enough that
      // the restarts (slow on a loaded machine) cannot outlast it.
      while (tally.acknowledged.size < (kill + 1) * 1_000) await new Promise((resolve) => setTimeout(resolve, 20));
      const victim = kill % PROCESSES;
      kills.push(tally.acknowledged.size);
      ledgers[victim]!.child.kill('SIGKILL');
      await ledgers[victim]!.exited;
      ledgers[victim] = await serveBin(database.url, LOAD_FLAGS);
    }
    await load;

    // Each kill landed while receipts were being acknowledged, not before the load or after it.
    expect(kills.every((n) => n > 0 && n < KILL_LOAD)).toBe(true);
    expect(tally.failures).toBeGreaterThan(0);
    expect(tally.acknowledged.size).toBe(KILL_LOAD);
    const audited = await audit(tally);
    expect(audited).toMatchObject({ missing: 0, doubled: 0, rows: before + KILL_LOAD });
    expect(audited.ids).toBe(audited.rows);
    const verified = await verifyBin(database.url);
    expect(verified.output).toContain(`ledger OK: ${before + KILL_LOAD} receipts, 50 subjects`);
    expect(verified.code).toBe(0);
    for (const ledger of ledgers) ledger.child.kill('SIGTERM');
    await Promise.all(ledgers.map((l) => l.exited));
  }, 90_000);
});
