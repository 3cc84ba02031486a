import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { startLedgerServer } from '../../../src/server/index';

// Runs the published command against dist/server.mjs: `npm test` builds first.
const BIN = new URL('../../../bin/consentkit-ledger.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'consentkit-token-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.stdin.end();
  return new Promise<{ code: number | null; output: string }>((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

test('token add prints a token once and stores its hash; it opens {base}/stats until token revoke', async () => {
  const db = join(dir, 'consent.db');
  const added = await run(['token', 'add', 'grafana', '--db', db]);
  expect(added.code).toBe(0);
  const token = /^(ckst_[A-Za-z0-9_-]{43})$/m.exec(added.output)?.[1];
  expect(token).toBeDefined();
  const file = new Database(db, { readonly: true });
  const stored = file.prepare('SELECT name, token_hash FROM stats_tokens').all() as { name: string; token_hash: string }[];
  expect(stored).toHaveLength(1);
  expect(stored[0]!.name).toBe('grafana');
  expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(stored[0]!.token_hash).not.toContain(token!.slice(5, 20));
  file.close();

  const listed = await run(['token', 'list', '--db', db]);
  expect(listed.code).toBe(0);
  expect(listed.output).toMatch(/^grafana\tcreated \d{4}-/m);
  expect(listed.output).not.toContain(token!);
  expect((await run(['token', 'add', 'grafana', '--db', db])).code).toBe(2);
  // The statistics' tables and trigger sit beside the ledger's: the file still verifies.
  expect((await run(['verify', '--db', db])).code).toBe(0);

  const server = await startLedgerServer({ db, port: 0, synchronous: 'normal', console: {} });
  try {
    const stats = () => fetch(`${server.endpoint}/stats`, { headers: { authorization: `Bearer ${token}` } });
    expect((await stats()).status).toBe(200);
    const revoked = await run(['token', 'revoke', 'grafana', '--db', db]);
    expect(revoked).toMatchObject({ code: 0 });
    expect((await stats()).status).toBe(401);
  } finally {
    await server.close();
  }
  expect((await run(['token', 'revoke', 'grafana', '--db', db])).code).toBe(1);
});

test('token refuses a bad name or an unknown action with exit 2', async () => {
  const db = join(dir, 'refused.db');
  expect((await run(['token', 'add', 'has space', '--db', db])).code).toBe(2);
  expect((await run(['token', 'add', '--db', db])).code).toBe(2);
  expect((await run(['token', 'rotate', 'x', '--db', db])).code).toBe(2);
  expect((await run(['token', 'list', 'extra', '--db', db])).code).toBe(2);
});
