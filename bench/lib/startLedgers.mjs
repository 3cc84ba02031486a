// The bin in its own processes, as in production: `processes` ledgers on one
// database, each on a free port; resolves with their endpoints and a stop().
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';

/** One signing key for every process (a PostgreSQL ledger's processes must share it), as PEM text. */
const KEY_PEM = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/consentkit-ledger.mjs', import.meta.url));

/**
 * @param {{ db: string, processes: number, synchronous?: string, profileDir?: string, extraArgs?: string[] }} options
 *   `synchronous` for an SQLite file; `profileDir` runs each under --cpu-prof
 */
export async function startLedgers({ db, processes, synchronous, profileDir, extraArgs = [] }) {
  const args = [
    ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
    BIN, '--db', db, '--port', '0', '--no-rate-limit', '--no-subject-limit',
    ...(synchronous ? ['--synchronous', synchronous] : []),
    ...extraArgs,
  ];
  const children = await Promise.all(
    Array.from({ length: processes }, async () => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CONSENTKIT_LEDGER_KEY: KEY_PEM } });
      const endpoint = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /listening on (\S+)/.exec(out);
          if (match) resolve(new URL(/** @type {string} */ (match[1])));
        });
        child.once('exit', () => reject(new Error('the ledger did not start: ' + out)));
      });
      return { child, endpoint: /** @type {URL} */ (endpoint) };
    }),
  );
  return {
    endpoints: children.map((c) => c.endpoint),
    stop: () => Promise.all(children.map(({ child }) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))))),
  };
}
