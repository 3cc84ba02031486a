import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';

// Runs the published command against dist/server.mjs: `npm test` builds first.
// Permissions do not stop root, so as root the bin runs as `nobody`.
const BIN = new URL('../../bin/consentkit-ledger.mjs', import.meta.url).pathname;
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
const dir = mkdtempSync(join(tmpdir(), 'consentkit-startup-'));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, '--port', '0', ...args], { stdio: 'pipe', ...asUser });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    // Started after all: stop it, the test will fail on the exit code.
    if (stdout.includes('listening on')) child.kill('SIGTERM');
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Exit 1 with one line on stderr that names the path, and no stack trace. */
function expectOneLine(result: { code: number | null; stderr: string }, path: string, advice: RegExp) {
  const lines = result.stderr.trim().split('\n');
  expect(result.code).toBe(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^consentkit-ledger: /);
  expect(lines[0]).toContain(path);
  expect(lines[0]).toMatch(advice);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

test('an unwritable folder exits 1 with one clear line', async () => {
  const locked = join(dir, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  const db = join(locked, 'consent.db');
  expectOneLine(await start(['--db', db]), locked, /not writable.*choose another --db/);
});

test('a read-only database file exits 1 with one clear line', async () => {
  const open = join(dir, 'open');
  mkdirSync(open);
  chmodSync(open, 0o777);
  const db = join(open, 'consent.db');
  writeFileSync(db, '');
  chmodSync(db, 0o444);
  expectOneLine(await start(['--db', db]), db, /read-only.*make it writable/);
});

test('a path where no file can be made (/proc/x.db) exits 1 with one clear line', async () => {
  expectOneLine(await start(['--db', '/proc/x.db']), '/proc/x.db', /choose another --db/);
});

test('a port already in use exits 1 with one clear line', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as { port: number }).port;
  try {
    const db = join(dir, 'port', 'consent.db');
    mkdirSync(join(dir, 'port'));
    chmodSync(join(dir, 'port'), 0o777);
    const result = await start(['--db', db, '--port', String(port)]);
    expectOneLine(result, `127.0.0.1:${port}`, /already in use.*another --port/);
  } finally {
    taken.close();
  }
});
