import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
// @ts-expect-error the demo server is plain JavaScript
import { startDemo } from '../../../examples/serve.mjs';

// Runs the published command against dist/server.mjs: `npm test` builds first.
const BIN = new URL('../../../bin/consentkit-ledger.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'consentkit-console-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], stdin: string) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.stdin.end(stdin);
  return new Promise<{ code: number | null; output: string }>((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

test('user add reads the password from stdin, stores only its scrypt hash, logs it, and a second add changes the role', async () => {
  const db = join(dir, 'consent.db');
  const added = await run(['user', 'add', 'marie', '--role', 'editor', '--db', db], 'a long enough password\n');
  expect(added).toMatchObject({ code: 0 });
  expect(added.output).toContain('console account marie (editor) saved');
  expect(added.output).not.toContain('a long enough password');
  const updated = await run(['user', 'add', 'marie', '--role', 'viewer', '--db', db], 'another long password\n');
  expect(updated.code).toBe(0);
  const file = new Database(db, { readonly: true });
  expect(file.prepare('SELECT name, role, password_hash LIKE ? AS scrypt FROM console_accounts').all('scrypt$%')).toEqual([{ name: 'marie', role: 'viewer', scrypt: 1 }]);
  expect(file.prepare('SELECT actor, action, detail FROM console_audit ORDER BY seq').all()).toEqual([
    { actor: 'cli', action: 'user.add', detail: '{"name":"marie","role":"editor"}' },
    { actor: 'cli', action: 'user.update', detail: '{"name":"marie","role":"viewer"}' },
  ]);
  file.close();
  // The file is still a ledger that verify reads.
  expect((await run(['verify', '--db', db], '')).code).toBe(0);
});

test('user add refuses a bad role, a short password and a missing name, with exit 2', async () => {
  const db = join(dir, 'refused.db');
  expect((await run(['user', 'add', 'x', '--role', 'admin', '--db', db], 'a long enough password')).code).toBe(2);
  const short = await run(['user', 'add', 'x', '--role', 'viewer', '--db', db], 'short');
  expect(short.code).toBe(2);
  expect(short.output).toContain('at least 12 characters');
  expect((await run(['user', 'add', '--role', 'viewer', '--db', db], 'a long enough password')).code).toBe(2);
});

test('the demo mounts the console and its printed account signs in', async () => {
  const demo = await startDemo({ port: 0, host: '127.0.0.1', db: join(dir, 'demo.db') });
  try {
    const page = await fetch(demo.url + 'api/consent/console/');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const signIn = await fetch(demo.url + 'api/consent/console/api/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: demo.account.name, password: demo.account.password }) });
    expect(await signIn.json()).toMatchObject({ name: 'demo', role: 'editor' });
    expect((await fetch(demo.url + 'api/consent/consentkit.js')).status).toBe(200);
  } finally {
    await demo.close();
  }
});
