// Ledger throughput and latency, from a node client over loopback, against the
// bin running in its own process (as in production).
//   node bench/ledger.mjs                       quick: empty file, 16 connections, synchronous full and normal (~20 s)
//   node bench/ledger.mjs --scenario million    1,000,000 receipts already stored, 16 and 64 connections, full (~2 min;
//                                               the first run also builds the cached file bench/.cache/ledger-1m.db, ~1 min)
//   node bench/ledger.mjs --scenario million --rows 64x50 --profile
//                                               one row, with the ledger under --cpu-prof (profiles in bench/.cache/profiles)
// Run `npm run build` first. Prints a markdown table: receipts/s, p50, p99, max, errors.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchReceipt } from './lib/ledgerReceipts.mjs';
import { runLoad } from './lib/loadClient.mjs';
import { prefillLedger } from './lib/prefillLedger.mjs';

const SCENARIOS = {
  quick: {
    prefill: 0,
    rows: [
      { synchronous: 'full', connections: 16, batch: 1, requests: 3000 },
      { synchronous: 'full', connections: 16, batch: 50, requests: 600 },
      { synchronous: 'normal', connections: 16, batch: 1, requests: 3000 },
      { synchronous: 'normal', connections: 16, batch: 50, requests: 600 },
    ],
  },
  million: {
    prefill: 1_000_000,
    rows: [
      { synchronous: 'full', connections: 16, batch: 1, requests: 3000 },
      { synchronous: 'full', connections: 64, batch: 1, requests: 4000 },
      { synchronous: 'full', connections: 16, batch: 50, requests: 600 },
      { synchronous: 'full', connections: 64, batch: 50, requests: 1200 },
    ],
  },
};
/** A request without an answer after this long counts as a client timeout. */
const CLIENT_TIMEOUT_MS = 30_000;

const { values } = parseArgs({ options: { scenario: { type: 'string', default: 'quick' }, rows: { type: 'string' }, profile: { type: 'boolean', default: false } } });
const scenario = SCENARIOS[/** @type {keyof typeof SCENARIOS} */ (values.scenario)];
if (!scenario) {
  console.error(`unknown scenario "${values.scenario}"; known: ${Object.keys(SCENARIOS).join(', ')}`);
  process.exit(2);
}
const wanted = values.rows?.split(',');
const rows = scenario.rows.filter((r) => !wanted || wanted.includes(`${r.connections}x${r.batch}`));
const log = (/** @type {string} */ line) => process.stderr.write(line + '\n');

// Stops by itself whatever happens.
const deadline = setTimeout(() => {
  console.error('ledger bench: over 15 minutes, stopping');
  process.exit(1);
}, 15 * 60_000);

const cache = fileURLToPath(new URL('./.cache/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'consentkit-bench-'));
const bin = fileURLToPath(new URL('../bin/consentkit-ledger.mjs', import.meta.url));

/** The bin in its own process; resolves with its endpoint. */
async function startServer(/** @type {string} */ db, /** @type {string} */ synchronous) {
  const profile = values.profile ? ['--cpu-prof', '--cpu-prof-dir', join(cache, 'profiles')] : [];
  const args = [...profile, bin, '--db', db, '--port', '0', '--no-rate-limit', '--synchronous', synchronous];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const endpoint = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(new URL(/** @type {string} */ (match[1])));
    });
    child.once('exit', () => reject(new Error('the ledger did not start: ' + out)));
  });
  const stop = () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')));
  return { endpoint: /** @type {URL} */ (endpoint), stop };
}

const bodiesFor = (/** @type {{ batch: number, requests: number }} */ { batch, requests }) => {
  const timestamp = new Date(Date.now() - 60_000).toISOString();
  return Array.from({ length: requests }, () => JSON.stringify({ receipts: Array.from({ length: batch }, () => benchReceipt(timestamp)) }));
};

const results = [];
try {
  for (const synchronous of [...new Set(rows.map((r) => r.synchronous))]) {
    const db = join(dir, `${synchronous}.db`);
    if (scenario.prefill) await prefillLedger({ template: join(cache, 'ledger-1m.db'), target: db, count: scenario.prefill, log });
    const server = await startServer(db, synchronous);
    try {
      await runLoad({ endpoint: server.endpoint, connections: 16, batch: 1, bodies: bodiesFor({ batch: 1, requests: 200 }) }); // warm-up
      for (const row of rows.filter((r) => r.synchronous === synchronous)) {
        log(`  ${synchronous}, ${row.connections} connections × batch ${row.batch} …`);
        results.push({ synchronous, ...(await runLoad({ endpoint: server.endpoint, connections: row.connections, batch: row.batch, bodies: bodiesFor(row), timeoutMs: CLIENT_TIMEOUT_MS })) });
      }
    } finally {
      await server.stop();
    }
  }
  const prefilled = scenario.prefill ? `, ${scenario.prefill.toLocaleString('en')} receipts already stored` : ', empty file';
  console.log(`\nconsentkit ledger: loopback, SQLite WAL${prefilled}, node ${process.version}; client timeout ${CLIENT_TIMEOUT_MS / 1000} s\n`);
  console.log('| synchronous | connections | batch | requests | receipts/s | p50 ms | p99 ms | max ms | errors (timeouts) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const kinds = Object.entries(r.errorKinds).map(([k, n]) => `${k}: ${n}`).join(', ');
    console.log(
      `| ${r.synchronous} | ${r.connections} | ${r.batch} | ${r.requests} | ${Math.round(r.perSecond).toLocaleString('en')} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.errors} (${r.timeouts})${kinds ? ` ${kinds}` : ''} |`,
    );
  }
  if (values.profile) console.log(`\nCPU profiles of the ledger: ${join(cache, 'profiles')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  clearTimeout(deadline);
}

// Both stores side by side (bench/lib/ledgerStores.mjs): SQLite with 1 process,
// PostgreSQL with 1, 2 and 4, on a pre-filled database. Needs DATABASE_URL;
// BENCH_PREFILL sets the pre-fill (default 1,000,000), BENCH_SECONDS each cell.
if (process.env.DATABASE_URL) {
  const { benchLedgerStores, formatLedgerStores } = await import('./lib/ledgerStores.mjs');
  const prefill = Number(process.env.BENCH_PREFILL ?? 1_000_000);
  const storeRows = await benchLedgerStores({ databaseUrl: process.env.DATABASE_URL, prefill, seconds: Number(process.env.BENCH_SECONDS ?? 4) });
  console.log(`\nconsentkit ledger, SQLite and PostgreSQL side by side: ${prefill} receipts pre-filled, node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);
  console.log(formatLedgerStores(storeRows));
} else console.log('\nPostgreSQL side of the ledger bench skipped: set DATABASE_URL=postgres://… (scripts/pg-cluster.sh starts one).');
