import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { GENESIS_HASH, LedgerUnreadableError, chainHash, createSqliteStore, openSqliteLedgerSnapshot, verifyLedger, type SqliteStore } from '../../src/server/index';
import { validateReceipt } from '../../src/server/validateReceipt';
import { makeReceipt, NOW } from './ledgerFixture';

let store: SqliteStore | undefined;
let dir: string;
afterEach(() => {
  store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function openStore() {
  dir = mkdtempSync(join(tmpdir(), 'consentkit-verify-test-'));
  store = createSqliteStore(join(dir, 'consent.db'), { synchronous: 'normal' });
  return store;
}
const dbPath = () => join(dir, 'consent.db');

function append(...receipts: ReturnType<typeof makeReceipt>[]) {
  const entries = receipts.map((r) => {
    const result = validateReceipt(r, { now: NOW, maxSkewMs: 0, maxLagMs: 86_400_000 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.entry;
  });
  return store!.append(entries, { receivedAt: new Date(NOW).toISOString() });
}

/** A ledger with two subjects, three receipts each, interleaved, each chained to the one before. */
function seed() {
  const [a, b] = [makeReceipt().subject, makeReceipt().subject];
  const rows: ReturnType<typeof makeReceipt>[] = [];
  for (const n of [1, 2, 3]) {
    for (const subject of [a, b]) {
      const previous = rows.filter((r) => r.subject === subject).at(-1)?.id ?? null;
      rows.push(makeReceipt({ subject, previous }, 10 - n));
    }
  }
  for (const row of rows) append(row);
  return rows;
}

/** Verify as the bin does: through a private copy of the file. */
async function verifyFile(path = dbPath()) {
  const snapshot = openSqliteLedgerSnapshot(path);
  try {
    return await verifyLedger(snapshot);
  } finally {
    snapshot.close();
  }
}

const seqOf = (id: string) => store!.db.prepare('SELECT seq FROM receipts WHERE id = ?').pluck().get(id);
const noFlags = { flagged: { 'clock-skew': 0, 'previous-mismatch': 0 }, flaggedRows: [] };

test('an untouched ledger verifies, each subject chained from the genesis hash', async () => {
  openStore();
  const rows = seed();
  expect(await verifyFile()).toEqual({ ok: true, status: 'intact', receipts: 6, subjects: 2, tombstones: 0, ...noFlags });
  const page = store!.read(rows[0]!.subject, { after: null, limit: 500 }).rows;
  expect(page[0]!.prevHash).toBe(GENESIS_HASH);
  expect(page[1]!.prevHash).toBe(page[0]!.hash);
});

test('the database refuses UPDATEs; editing any stored column around that makes verify fail at that row', async () => {
  openStore();
  const rows = seed();
  const target = rows[3]!; // second receipt of subject b
  const edit = (set: string) => store!.db.prepare(`UPDATE receipts SET ${set} WHERE id = ?`).run(target.id);
  expect(() => edit('timestamp = timestamp')).toThrow(/append-only/);
  store!.db.exec('DROP TRIGGER receipts_append_only');

  const edits: [string, string][] = [
    // The client's timestamp: GET shows it as the decision time.
    [`timestamp = '2030-01-01T00:00:00.000Z'`, 'timestamp column differs from the receipt'],
    [`received_at = '2026-11-29T15:00:00.000Z'`, 'content does not match its hash'],
    [`flags = 'clock-skew'`, 'content does not match its hash'],
    [`body = replace(body, '"marketing":true', '"marketing":false')`, 'content does not match its hash'],
    [`hash = '${'a'.repeat(64)}'`, 'content does not match its hash'],
    [`prev_hash = '${GENESIS_HASH}'`, "does not follow its subject's previous receipt"],
    [`id = 'XXXXXXXXXXXXXXXXXXXXX'`, 'id or subject columns differ from the receipt'],
  ];
  const seq = seqOf(target.id);
  const original = store!.db.prepare('SELECT * FROM receipts WHERE seq = ?').get(seq) as Record<string, unknown>;
  const restore = store!.db.prepare(`UPDATE receipts SET ${Object.keys(original).map((column) => `${column} = @${column}`).join(', ')} WHERE seq = @seq`);
  for (const [set, reason] of edits) {
    edit(set);
    const id = set.startsWith('id') ? 'XXXXXXXXXXXXXXXXXXXXX' : target.id;
    const result = await verifyFile();
    expect({ set, status: result.status, broken: result.status === 'tampered' && result.broken }).toEqual({ set, status: 'tampered', broken: { table: 'receipts', seq, id, reason } });
    restore.run(original);
    expect(await verifyFile()).toMatchObject({ status: 'intact' });
  }
  // Moving a row to another subject breaks both chains: the first break in append order is reported.
  store!.db.prepare('UPDATE receipts SET subject = ? WHERE id = ?').run(rows[0]!.subject, target.id);
  expect(await verifyFile()).toMatchObject({ ok: false, status: 'tampered' });
  expect(await verifyLedger(store!)).toMatchObject({ status: 'tampered' });
});

test('deleting a row from the middle of a chain breaks the link after it', async () => {
  openStore();
  const rows = seed();
  store!.db.prepare('DELETE FROM receipts WHERE id = ?').run(rows[2]!.id);
  const result = await verifyFile();
  expect(result.status === 'tampered' && result.broken).toEqual({ table: 'receipts', seq: seqOf(rows[4]!.id), id: rows[4]!.id, reason: "does not follow its subject's previous receipt" });
});

test('tombstones are chained too: altering one is reported', async () => {
  openStore();
  const rows = seed();
  store!.erase(rows[0]!.subject, new Date(NOW).toISOString());
  store!.erase(rows[1]!.subject, new Date(NOW).toISOString());
  expect(await verifyFile()).toEqual({ ok: true, status: 'intact', receipts: 0, subjects: 0, tombstones: 2, ...noFlags });
  store!.db.exec('DROP TRIGGER tombstones_append_only');
  store!.db.prepare('UPDATE tombstones SET receipts = 1 WHERE seq = 1').run();
  const result = await verifyFile();
  expect(result.status === 'tampered' && result.broken).toEqual({ table: 'tombstones', seq: 1, reason: 'content does not match its hash' });
});

test('flagged receipts are warnings: the ledger is intact and verify lists them', async () => {
  openStore();
  const [first] = seed();
  const skewed = makeReceipt({ subject: first!.subject, timestamp: new Date(NOW + 3_600_000).toISOString() });
  const result = validateReceipt(skewed, { now: NOW, maxSkewMs: 600_000, maxLagMs: 86_400_000 });
  if (!result.ok) throw new Error('invalid fixture');
  store!.append([result.entry], { receivedAt: new Date(NOW).toISOString() });
  expect(await verifyFile()).toEqual({
    ok: true,
    status: 'intact',
    receipts: 7,
    subjects: 2,
    tombstones: 0,
    flagged: { 'clock-skew': 1, 'previous-mismatch': 1 },
    flaggedRows: [{ seq: seqOf(skewed.id), id: skewed.id, flags: ['clock-skew', 'previous-mismatch'] }],
  });
});

test('dropped tables, a SQLite file that is not a ledger, or no database at all cannot be verified; they are never "OK"', async () => {
  openStore();
  seed();
  store!.close();
  const conn = new Database(dbPath());
  conn.exec('DROP TABLE receipts; DROP TABLE tombstones;');
  conn.close();
  expect(() => openSqliteLedgerSnapshot(dbPath())).toThrow(new LedgerUnreadableError('both ledger tables are missing'));

  const other = join(dir, 'other.db');
  const foreign = new Database(other);
  foreign.exec('CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES (1);');
  foreign.close();
  expect(() => openSqliteLedgerSnapshot(other)).toThrow(/not a consentkit ledger/);
  // Opening it as a store refuses too, rather than adding ledger tables to someone else's file.
  expect(() => createSqliteStore(other)).toThrow(/not a consentkit ledger/);

  writeFileSync(join(dir, 'text.db'), 'hello, this is not SQLite at all'.repeat(200));
  expect(() => openSqliteLedgerSnapshot(join(dir, 'text.db'))).toThrow(/not a readable SQLite database/);
  expect(() => openSqliteLedgerSnapshot(join(dir, 'missing.db'))).toThrow(LedgerUnreadableError);
});

const digests = () =>
  Object.fromEntries(['', '-wal', '-shm'].map((suffix) => [suffix || 'db', existsSync(dbPath() + suffix) ? createHash('sha256').update(readFileSync(dbPath() + suffix)).digest('hex') : null]));

test('verify leaves every byte of the database, its -wal and its -shm as it was, with a live connection or none', async () => {
  openStore();
  seed();
  // Live: the writer keeps its connection; new rows wait in the WAL.
  const live = digests();
  expect(live['-wal']).not.toBeNull();
  expect(await verifyFile()).toMatchObject({ status: 'intact', receipts: 6 });
  expect(digests()).toEqual(live);

  // At rest: no -wal or -shm, and verify creates none.
  store!.close();
  store = undefined;
  const rest = digests();
  expect(rest).toMatchObject({ '-wal': null, '-shm': null });
  expect(await verifyFile()).toMatchObject({ status: 'intact', receipts: 6 });
  expect(digests()).toEqual(rest);
});

test('a ledger written before flags existed (schema 1) verifies as it is, and is upgraded in place when a store opens it', async () => {
  dir = mkdtempSync(join(tmpdir(), 'consentkit-verify-test-'));
  const old = new Database(dbPath());
  old.pragma('journal_mode = WAL');
  old.exec(`
    CREATE TABLE receipts (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, subject TEXT NOT NULL, timestamp TEXT NOT NULL,
      received_at TEXT NOT NULL, body TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
    CREATE INDEX receipts_by_subject ON receipts (subject, seq);
    CREATE TABLE tombstones (seq INTEGER PRIMARY KEY AUTOINCREMENT, subject_hash TEXT NOT NULL UNIQUE, receipts INTEGER NOT NULL,
      first_received_at TEXT NOT NULL, last_received_at TEXT NOT NULL, erased_at TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
    PRAGMA user_version = 1;`);
  const receipt = makeReceipt();
  const result = validateReceipt(receipt, { now: NOW, maxSkewMs: 0, maxLagMs: 86_400_000 });
  if (!result.ok) throw new Error('invalid fixture');
  const receivedAt = new Date(NOW).toISOString();
  const hash = chainHash(GENESIS_HASH, { body: result.entry.body, receivedAt });
  old.prepare('INSERT INTO receipts (id, subject, timestamp, received_at, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(receipt.id, receipt.subject, receipt.timestamp, receivedAt, result.entry.body, GENESIS_HASH, hash);
  old.close();

  expect(await verifyFile()).toMatchObject({ status: 'intact', receipts: 1 });
  store = createSqliteStore(dbPath());
  expect(store.db.pragma('user_version', { simple: true })).toBe(3);
  append(makeReceipt({ subject: receipt.subject, previous: receipt.id }));
  expect(await verifyFile()).toMatchObject({ status: 'intact', receipts: 2, flagged: { 'clock-skew': 0, 'previous-mismatch': 0 } });
});
