import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { createSqliteStore, subjectHash, type SqliteStore } from '../../src/server/index';
import { validateReceipt } from '../../src/server/validateReceipt';
import { makeReceipt, NOW, startTempLedger, type TempLedger } from './ledgerFixture';

let ledger: TempLedger;
beforeAll(async () => {
  ledger = await startTempLedger();
});
afterAll(() => ledger?.close());

/** Every byte SQLite keeps for a ledger: the database, its WAL and shared-memory files. */
const rawFiles = (dir = ledger.dir) =>
  readdirSync(dir)
    .filter((name) => name.startsWith('consent.db'))
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n');

const erase = (subject: string, on = ledger) => fetch(on.at(`/subjects/${subject}`), { method: 'DELETE' });

async function waitFor(condition: () => boolean, ms = 8000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('DELETE erases the subject, leaves a tombstone with nothing personal, and spares other subjects', async () => {
  const subject = makeReceipt().subject;
  const first = makeReceipt({ subject }, 20);
  const second = makeReceipt({ subject, action: 'withdraw', previous: first.id }, 2);
  const other = makeReceipt();
  await ledger.post([first, other]);
  await ledger.post([second]);
  expect(rawFiles()).toContain(subject);

  const response = await erase(subject);
  expect(response.status).toBe(200);
  const received = new Date(NOW).toISOString();
  expect(await response.json()).toEqual({
    erased: true,
    already: false,
    purged: true,
    tombstone: { subjectHash: subjectHash(subject), receipts: 2, firstReceivedAt: received, lastReceivedAt: received, erasedAt: received, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
  });

  // Not in any row, nor in freed pages or the write-ahead log.
  const files = rawFiles();
  for (const personal of [subject, first.id, second.id]) expect(files).not.toContain(personal);
  const conn = new Database(ledger.db, { readonly: true });
  const tombstones = conn.prepare('SELECT * FROM tombstones').all();
  const remaining = conn.prepare('SELECT id FROM receipts').pluck().all();
  conn.close();
  expect(tombstones).toEqual([expect.objectContaining({ subject_hash: subjectHash(subject), receipts: 2, erased_at: received })]);
  expect(remaining).toEqual([other.id]);

  expect((await fetch(ledger.at(`/subjects/${subject}`))).status).toBe(404);
  expect((await fetch(ledger.at(`/subjects/${other.subject}`))).status).toBe(200);
});

test('with a reader holding a read transaction, DELETE answers purged: false, and the purge finishes on its own once the reader lets go', async () => {
  const subject = makeReceipt().subject;
  const receipts = [makeReceipt({ subject }, 3), makeReceipt({ subject }, 2)];
  await ledger.post(receipts);
  await ledger.post([makeReceipt()]);

  // A backup or a concurrent verify: a read transaction on an older snapshot.
  const reader = new Database(ledger.db, { readonly: true });
  reader.exec('BEGIN');
  expect(reader.prepare('SELECT count(*) FROM receipts WHERE subject = ?').pluck().get(subject)).toBe(2);

  const started = Date.now();
  const response = await erase(subject);
  expect(Date.now() - started).toBeLessThan(2000); // the checkpoint does not wait out the busy timeout
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ erased: true, already: false, purged: false });
  // The reader still sees its snapshot: the erased bytes are still in the WAL, as the answer said.
  expect(rawFiles()).toContain(subject);

  reader.exec('COMMIT');
  reader.close();
  // No further request: the store's own timer retries the checkpoint.
  await waitFor(() => !rawFiles().includes(subject));
  const files = rawFiles();
  for (const personal of [subject, ...receipts.map((r) => r.id)]) expect(files).not.toContain(personal);
  expect(statSync(ledger.db + '-wal').size).toBe(0);
  expect(await (await erase(subject)).json()).toMatchObject({ already: true, purged: true });
});

test('erasing again answers with the same tombstone; receipts for an erased subject get 410 and nothing of their batch is stored', async () => {
  const receipt = makeReceipt();
  await ledger.post([receipt]);
  const once = await (await erase(receipt.subject)).json();
  const twice = await (await erase(receipt.subject)).json();
  expect(twice).toEqual({ ...once, already: true });

  const late = makeReceipt({ subject: receipt.subject });
  const bystander = makeReceipt();
  const retry = await ledger.post([receipt, late, bystander]);
  expect(retry.status).toBe(410);
  expect(await retry.json()).toEqual({
    error: 'subject_erased',
    message: 'These receipts belong to an erased subject; nothing was stored. Start a new subject.',
    erased: [receipt.id, late.id],
  });
  expect((await fetch(ledger.at(`/subjects/${receipt.subject}`))).status).toBe(404);
  expect((await fetch(ledger.at(`/subjects/${bystander.subject}`))).status).toBe(404);
  expect(rawFiles()).not.toContain(receipt.subject);

  // The SDK starts a fresh subject and says why; the ledger takes it.
  const fresh = makeReceipt({ reason: 'subject-erased' as never });
  expect((await ledger.post([fresh])).status).toBe(201);
});

test('DELETE of a subject never seen is a 404', async () => {
  const response = await erase(makeReceipt().subject);
  expect(response.status).toBe(404);
  expect(await response.json()).toEqual({ error: 'not_found', message: 'No records for this subject.' });
});

/** prlimit sets this process's file-size limit: writes past it fail as on a full disk (EFBIG), without root or a small filesystem. */
function fileSizeLimit(bytes: number | 'unlimited'): void {
  execFileSync('prlimit', ['--pid', String(process.pid), `--fsize=${bytes}:`]);
}
const hasPrlimit = (() => {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasPrlimit) console.log('erasure.test: the full-disk test needs prlimit (util-linux); skipped');

test.skipIf(!hasPrlimit)('a full disk after the erasure committed: DELETE answers 200 with purged: false, and the purge completes once space returns', async () => {
  const full = await startTempLedger({ subjectLimit: false });
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const subject = makeReceipt().subject;
    const mine = [makeReceipt({ subject }, 3), makeReceipt({ subject }, 2)];
    await full.post(mine);
    for (let i = 0; i < 40; i++) await full.post(Array.from({ length: 100 }, () => makeReceipt()));
    const store = full.server.store as SqliteStore;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    // New pages wait in the WAL: the checkpoint after the erasure must grow the database file.
    for (let i = 0; i < 2; i++) await full.post(Array.from({ length: 100 }, () => makeReceipt()));
    const dbSize = statSync(full.db).size;
    expect(statSync(full.db + '-wal').size).toBeLessThan(dbSize - 64 * 1024);

    fileSizeLimit(dbSize);
    let response: Response;
    try {
      response = await erase(subject, full);
    } finally {
      fileSizeLimit('unlimited');
    }
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ erased: true, already: false, purged: false });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('purge after erasure failed'), expect.anything());

    await waitFor(() => !rawFiles(full.dir).includes(subject));
    expect((await fetch(full.at(`/subjects/${subject}`))).status).toBe(404);
    expect(await (await erase(subject, full)).json()).toMatchObject({ already: true, purged: true });
  } finally {
    fileSizeLimit('unlimited');
    await full.close();
  }
});

test('a purge left pending when the process stopped is finished as soon as a store opens the file again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'consentkit-purge-'));
  const path = join(dir, 'consent.db');
  try {
    const first = createSqliteStore(path, { synchronous: 'normal' });
    const receipt = makeReceipt();
    const entry = validateReceipt(receipt, { now: NOW, maxSkewMs: 600_000, maxLagMs: 86_400_000 });
    if (!entry.ok) throw new Error('invalid fixture');
    first.append([entry.entry], { receivedAt: new Date(NOW).toISOString() });
    const reader = new Database(path, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM receipts').get();
    expect(first.erase(receipt.subject, new Date(NOW).toISOString())).toMatchObject({ purged: false });
    // The process stops with the reader still open: its closing checkpoint cannot finish either.
    first.close();
    reader.exec('COMMIT');
    reader.close();
    expect(rawFiles(dir)).toContain(receipt.subject);

    const second = createSqliteStore(path, { synchronous: 'normal' });
    expect(rawFiles(dir)).not.toContain(receipt.subject);
    expect(rawFiles(dir)).not.toContain(receipt.id);
    second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
