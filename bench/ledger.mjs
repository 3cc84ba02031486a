// Ledger throughput: receipts stored per second and p99 latency, from a node
// client over loopback, against the bin running in its own process on a temp
// SQLite file, with synchronous=FULL (the default: a 2xx means on disk) and
// NORMAL. Run `npm run build` first.
//   node bench/ledger.mjs
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const CONNECTIONS = 16;
const RUNS = [
  { batch: 1, requests: 3000 },
  { batch: 50, requests: 600 },
];
// Stops by itself whatever happens.
const deadline = setTimeout(() => {
  console.error('ledger bench: over 60 s, stopping');
  process.exit(1);
}, 60_000);

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const id = () => Array.from(randomBytes(21), (b) => ALPHABET[b & 63]).join('');
const receipt = (timestamp) => ({
  id: id(),
  subject: id(),
  timestamp,
  action: 'save',
  source: 'preferences',
  categories: { necessary: true, preferences: true, analytics: false, marketing: false },
  policy: { version: '2018-05-24', url: '/privacy' },
  language: 'fr',
  previous: null,
  shownHash: '0f1e2d3c4b5a6978',
  gpc: false,
});

const dir = mkdtempSync(join(tmpdir(), 'consentkit-bench-'));
const bin = new URL('../bin/consentkit-ledger.mjs', import.meta.url).pathname;

/** The bin in its own process, as in production; resolves with its endpoint. */
async function startServer(synchronous) {
  const args = [bin, '--db', join(dir, `${synchronous}.db`), '--port', '0', '--no-rate-limit', '--synchronous', synchronous];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const endpoint = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(new URL(match[1]));
    });
    child.once('exit', () => reject(new Error('the ledger did not start: ' + out)));
  });
  const stop = () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')));
  return { endpoint, stop };
}

const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
function post(endpoint, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: endpoint.hostname, port: endpoint.port, path: endpoint.pathname + '/receipts', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.once('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

async function run(endpoint, { batch, requests }) {
  const timestamp = new Date(Date.now() - 60_000).toISOString();
  const bodies = Array.from({ length: requests }, () => JSON.stringify({ receipts: Array.from({ length: batch }, () => receipt(timestamp)) }));
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const t = performance.now();
        await post(endpoint, body);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { batch, requests, receipts: batch * requests, seconds, perSecond: (batch * requests) / seconds, p50: at(0.5), p99: at(0.99) };
}

const rows = [];
try {
  for (const synchronous of ['full', 'normal']) {
    const server = await startServer(synchronous);
    try {
      await run(server.endpoint, { batch: 1, requests: 200 }); // warm-up
      for (const config of RUNS) rows.push({ synchronous, ...(await run(server.endpoint, config)) });
    } finally {
      await server.stop();
    }
  }
  console.log(`\nconsentkit ledger: ${CONNECTIONS} connections over loopback, SQLite WAL, node ${process.version}\n`);
  console.log('| synchronous | batch | requests | receipts | seconds | receipts/s | requests/s | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.synchronous} | ${r.batch} | ${r.requests} | ${r.receipts} | ${r.seconds.toFixed(2)} | ${Math.round(r.perSecond)} | ${Math.round(r.requests / r.seconds)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`);
  }
} finally {
  agent.destroy();
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
