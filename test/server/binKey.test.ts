// Where the bin gets its signing key: beside an SQLite file by default, from
// --key or CONSENTKIT_LEDGER_KEY, and never a default for PostgreSQL.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ledgerKeyFromPem } from '../../src/server/index';
import { killAll, runBin } from './ledgerProcess';

const BIN = new URL('../../bin/consentkit-ledger.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'consentkit-binkey-'));
afterAll(() => {
  killAll();
  rmSync(dir, { recursive: true, force: true });
});
const pem = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

async function keyIdServed(args: string[]) {
  const child = runBin(['--port', '0', ...args]);
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.child.stdout.on('data', () => {
      const match = /listening on (\S+)/.exec(child.output());
      if (match) resolve(match[1]!);
    });
    void child.exited.then(() => reject(new Error(child.output())));
  });
  const { keyId } = (await (await fetch(endpoint + '/key')).json()) as { keyId: string };
  child.child.kill('SIGTERM');
  await child.exited;
  return keyId;
}

test('--key FILE is created 0600 when missing and used as is afterwards; --key PEM text works too', async () => {
  const keyFile = join(dir, 'secrets', 'ledger.key');
  const first = await keyIdServed(['--db', join(dir, 'a.db'), '--key', keyFile]);
  expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  expect(await keyIdServed(['--db', join(dir, 'a.db'), '--key', keyFile])).toBe(first);
  const text = pem();
  expect(await keyIdServed(['--db', join(dir, 'b.db'), '--key=' + text])).toBe(ledgerKeyFromPem(text).keyId);
  const given = join(dir, 'given.pem');
  writeFileSync(given, text);
  expect(await keyIdServed(['--db', join(dir, 'c.db'), '--key', given])).toBe(ledgerKeyFromPem(text).keyId);
});

test('a PostgreSQL ledger refuses to start without a key; a key that is not Ed25519 is refused in one line', () => {
  const env = { ...process.env };
  delete env.CONSENTKIT_LEDGER_KEY;
  const noKey = spawnSync(process.execPath, [BIN, '--db', 'postgres://nobody@127.0.0.1:1/none', '--port', '0'], { env, encoding: 'utf8' });
  expect(noKey.status).toBe(2);
  expect(noKey.stderr).toContain('a PostgreSQL ledger needs --key FILE (or $CONSENTKIT_LEDGER_KEY)');

  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const wrong = spawnSync(process.execPath, [BIN, '--db', join(dir, 'd.db'), '--port', '0', '--key=' + rsa], { env, encoding: 'utf8' });
  expect(wrong.status).toBe(1);
  expect(wrong.stderr).toContain('the ledger key must be an Ed25519 private key, not rsa');
});
