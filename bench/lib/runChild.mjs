// Runs another engineer's benchmark script (bench/gating.mjs, bench/ledger.mjs)
// as a child process, when it exists, and keeps what it printed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * @param {string} file path relative to bench/, e.g. 'gating.mjs'
 * @param {string[]} args its command-line arguments
 * @param {Record<string, string>} env extra environment, e.g. BENCH_RUNS
 * @returns {Promise<{ file: string, present: boolean, code?: number|null, ms?: number, stdout?: string, stderr?: string }>}
 */
export async function runChild(file, args, env) {
  const path = fileURLToPath(new URL(`../${file}`, import.meta.url));
  if (!existsSync(path)) return { file: `bench/${file}`, present: false };
  const started = Date.now();
  const child = spawn(process.execPath, [path, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((ok) => child.on('close', ok));
  return { file: `bench/${file}`, present: true, code: /** @type {number|null} */ (code), ms: Date.now() - started, stdout, stderr };
}
