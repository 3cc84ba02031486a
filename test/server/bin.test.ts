import type { SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { createSqliteStore } from '../../src/server/index';
import { validateReceipt } from '../../src/server/validateReceipt';
import { makeReceipt, NOW, withoutAcks } from './ledgerFixture';
import { killAll, runBin } from './ledgerProcess';

// Runs the published command against dist/server.mjs: `npm test` builds first.
const dir = mkdtempSync(join(tmpdir(), 'consentkit-bin-'));
const db = join(dir, 'data', 'consent.db');
afterAll(() => {
  killAll();
  rmSync(dir, { recursive: true, force: true });
});

const run = runBin;

/** Starts the server and resolves with its endpoint once it says where it listens. */
async function serve() {
  const proc = run(['--db', db, '--port', '0', '--origin', 'https://www.example.com']);
  const endpoint = await new Promise<string>((resolve, reject) => {
    proc.child.stdout.on('data', () => {
      const match = /listening on (\S+)/.exec(proc.output());
      if (match && proc.output().includes('database:')) resolve(match[1]!);
    });
    proc.exited.then(() => reject(new Error(proc.output())));
  });
  return { ...proc, endpoint };
}

test('the bin serves, survives a kill, stops cleanly on SIGTERM and verifies its file', async () => {
  const first = await serve();
  expect(first.output()).toContain(`database: ${db}`);
  const receipt = makeReceipt({ timestamp: new Date(Date.now() - 60_000).toISOString() });
  const posted = await fetch(first.endpoint + '/receipts', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ receipts: [receipt] }) });
  expect(posted.status).toBe(201);

  first.child.kill('SIGKILL');
  await first.exited;
  const second = await serve();
  const body = await (await fetch(`${second.endpoint}/subjects/${receipt.subject}`)).json();
  expect(withoutAcks(body.receipts)).toEqual([receipt]);
  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
  expect(second.output()).toContain('stopped (SIGTERM)');

  const ok = run(['verify', '--db', db]);
  expect(await ok.exited).toBe(0);
  expect(ok.output()).toContain('ledger OK: 1 receipts, 1 subjects, 0 tombstones');

  const conn = new Database(db);
  conn.exec('DROP TRIGGER receipts_append_only');
  conn.prepare(`UPDATE receipts SET body = replace(body, '"gpc":false', '"gpc":true')`).run();
  conn.close();
  const broken = run(['--verify', '--db', db]);
  expect(await broken.exited).toBe(1);
  expect(broken.output()).toContain(`ledger BROKEN at receipts row 1 (receipt ${receipt.id}): content does not match its hash`);
});

test('the bin refuses bad arguments with its usage', async () => {
  const bad = run(['--port', 'eighty']);
  expect(await bad.exited).toBe(2);
  expect(bad.output()).toContain('--port must be a number');
  expect(bad.output()).toContain('Usage:');
});

/** A ledger file of two receipts, the second flagged previous-mismatch, with its writer still open (so a -wal and -shm exist). */
function writeLedger(path: string) {
  const store = createSqliteStore(path, { synchronous: 'normal' });
  const first = makeReceipt();
  const second = makeReceipt({ subject: first.subject, previous: 'AAAAAAAAAAAAAAAAAAAAA' });
  const entries = [first, second].map((r) => {
    const result = validateReceipt(r, { now: NOW, maxSkewMs: 600_000, maxLagMs: 86_400_000 });
    if (!result.ok) throw new Error('invalid fixture');
    return result.entry;
  });
  store.append(entries, { receivedAt: new Date(NOW).toISOString() });
  return { store, second };
}

const digest = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null);

test('verify exits 0 when intact (flagged receipts are warnings), touches no byte, and works on a read-only copy', async () => {
  const file = join(dir, 'verify', 'consent.db');
  mkdirSync(join(dir, 'verify'));
  const { store, second } = writeLedger(file);
  const files = [file, file + '-wal', file + '-shm'];
  const before = files.map(digest);
  expect(before[1]).not.toBeNull();

  const ok = run(['verify', '--db', file]);
  expect(await ok.exited).toBe(0);
  expect(ok.output()).toContain(`ledger OK: 2 receipts, 1 subjects, 0 tombstones (${file})`);
  expect(ok.output()).toContain('warning: flagged receipts (stored, but worth a look): 1 previous-mismatch');
  expect(ok.output()).toContain(`(receipt ${second.id}): previous-mismatch`);
  expect(files.map(digest)).toEqual(before);
  store.close();

  // A copy no one may write: verified by a user who cannot write it (root writes anything, so the bin runs as nobody then).
  const readOnly = mkdtempSync(join(tmpdir(), 'consentkit-readonly-'));
  copyFileSync(file, join(readOnly, 'consent.db'));
  chmodSync(join(readOnly, 'consent.db'), 0o444);
  chmodSync(readOnly, 0o555);
  try {
    const asNobody: SpawnOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const copy = run(['verify', '--db', join(readOnly, 'consent.db')], asNobody);
    expect(await copy.exited).toBe(0);
    expect(copy.output()).toContain('ledger OK: 2 receipts');
  } finally {
    chmodSync(readOnly, 0o755);
    rmSync(readOnly, { recursive: true, force: true });
  }
});

test('verify exits 2 (cannot verify), never "OK", for dropped tables, a SQLite file that is not a ledger, a missing file and bad arguments', async () => {
  const dropped = join(dir, 'dropped.db');
  writeLedger(dropped).store.close();
  const conn = new Database(dropped);
  conn.exec('DROP TABLE receipts; DROP TABLE tombstones;');
  conn.close();
  const foreign = join(dir, 'foreign.db');
  const other = new Database(foreign);
  other.exec('CREATE TABLE notes (text TEXT)');
  other.close();
  const foreignBefore = digest(foreign);

  const cases: [string[], string][] = [
    [['verify', '--db', dropped], `ledger CANNOT VERIFY: both ledger tables are missing (${dropped})`],
    [['verify', '--db', foreign], 'ledger CANNOT VERIFY: not a consentkit ledger (schema version 0)'],
    [['verify', '--db', join(dir, 'nothing.db')], 'ledger CANNOT VERIFY: no ledger file'],
    [['verify', '--db', foreign, '--frobnicate'], 'Usage:'],
  ];
  for (const [args, message] of cases) {
    const proc = run(args);
    expect({ args, code: await proc.exited }).toEqual({ args, code: 2 });
    expect(proc.output()).toContain(message);
    expect(proc.output()).not.toContain('ledger OK');
  }
  expect(digest(foreign)).toBe(foreignBefore);
  expect(existsSync(foreign + '-wal')).toBe(false);
});
