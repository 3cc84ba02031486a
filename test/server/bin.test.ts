import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { makeReceipt } from './ledgerFixture';

// Runs the published command against dist/server.mjs: `npm test` builds first.
const BIN = new URL('../../bin/consentkit-ledger.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'consentkit-bin-'));
const db = join(dir, 'data', 'consent.db');
const children = new Set<ChildProcessWithoutNullStreams>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: 'pipe' });
  children.add(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => (children.delete(child), resolve(code))));
  return { child, exited, output: () => output };
}

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
  expect(body.receipts).toEqual([receipt]);
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
