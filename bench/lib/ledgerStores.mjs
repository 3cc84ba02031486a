// The ledger's two stores side by side: SQLite with 1 process, PostgreSQL with
// 1, 2 and 4 processes, each on a database pre-filled with `prefill` receipts;
// 16 and 64 connections spread over the processes as a load balancer would;
// batches of 1 and 50. Each cell runs for `seconds`, then reports receipts/s,
// p50, p99, max and errors (non-2xx answers, refused connections, timeouts).
// The bin runs in its own processes with synchronous=FULL on SQLite and
// PostgreSQL's defaults (fsync, synchronous_commit on): a 2xx means on disk.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createPostgresStore, createSqliteStore } from '../../dist/server.mjs';

const BIN = new URL('../../bin/consentkit-ledger.mjs', import.meta.url).pathname;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const id = () => Array.from(randomBytes(21), (b) => ALPHABET[b & 63]).join('');
/** A request that takes longer is counted as an error (a browser's outbox would retry it). */
const TIMEOUT_MS = 10_000;

function receipt(timestamp) {
  return {
    id: id(), subject: id(), timestamp, action: 'save', source: 'preferences',
    categories: { necessary: true, preferences: true, analytics: false, marketing: false },
    policy: { version: '2018-05-24', url: '/privacy' }, language: 'fr', previous: null, shownHash: '0f1e2d3c4b5a6978', gpc: false,
  };
}

/** Pre-fill rows: one receipt per subject, chained from the genesis hash like a first visit (the bench only needs the volume). */
function* prefillRows(count, receivedAt) {
  const timestamp = new Date(Date.parse(receivedAt) - 60_000).toISOString();
  for (let i = 0; i < count; i++) {
    const r = receipt(timestamp);
    const body = JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1))));
    const hash = createHash('sha256').update('0'.repeat(64) + '\n{"receipt":' + body + ',"receivedAt":' + JSON.stringify(receivedAt) + '}').digest('hex');
    yield [r.id, r.subject, timestamp, receivedAt, body, '', '0'.repeat(64), hash];
  }
}

async function prefillSqlite(file, count) {
  createSqliteStore(file).close();
  const db = new Database(file);
  const insert = db.prepare('INSERT INTO receipts (id, subject, timestamp, received_at, body, flags, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => { for (const row of prefillRows(count, new Date().toISOString())) insert.run(...row); })();
  db.close();
}

async function prefillPostgres(url, count) {
  const store = await createPostgresStore(url);
  const s = store.schema;
  const rows = prefillRows(count, new Date().toISOString());
  for (let done = 0; done < count; ) {
    const chunk = [];
    for (let i = 0; i < 5000 && done < count; i++, done++) chunk.push(rows.next().value);
    await store.pool.query(
      `INSERT INTO ${s}.receipts (id, subject, timestamp, received_at, body, flags, prev_hash, hash) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
      chunk[0].map((_, col) => chunk.map((row) => row[col])),
    );
  }
  await store.pool.query(`VACUUM ANALYZE ${s}.receipts`);
  await store.close();
}

/** Starts `processes` bins on one database; resolves with their endpoints and a stop(). */
async function startLedgers(db, processes) {
  const children = await Promise.all(
    Array.from({ length: processes }, async () => {
      const child = spawn(process.execPath, [BIN, '--db', db, '--port', '0', '--no-rate-limit', '--no-subject-limit'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const endpoint = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /listening on (\S+)/.exec(out);
          if (match) resolve(new URL(match[1]));
        });
        child.once('exit', () => reject(new Error('the ledger did not start: ' + out)));
      });
      return { child, endpoint };
    }),
  );
  return {
    endpoints: children.map((c) => c.endpoint),
    stop: () => Promise.all(children.map(({ child }) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))))),
  };
}

function post(agent, endpoint, body) {
  return new Promise((resolve) => {
    const req = request(
      { agent, host: endpoint.hostname, port: endpoint.port, path: endpoint.pathname + '/receipts', method: 'POST', timeout: TIMEOUT_MS, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode === 201));
      },
    );
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', () => resolve(false));
    req.end(body);
  });
}

/** `connections` clients, spread over the endpoints, post batches of `batch` for `seconds`. */
async function measure(endpoints, { connections, batch, seconds }) {
  const agents = endpoints.map(() => new Agent({ keepAlive: true, maxSockets: connections }));
  const timestamp = new Date(Date.now() - 60_000).toISOString();
  const latencies = [];
  let stored = 0;
  let errors = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, client) => {
      const at = client % endpoints.length;
      while (performance.now() < end) {
        const body = JSON.stringify({ receipts: Array.from({ length: batch }, () => receipt(timestamp)) });
        const t = performance.now();
        const ok = await post(agents[at], endpoints[at], body);
        latencies.push(performance.now() - t);
        if (ok) stored += batch;
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  for (const agent of agents) agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { perSecond: stored / elapsed, p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1] ?? NaN, errors, requests: latencies.length };
}

/**
 * Runs the whole grid and resolves with its rows. `databaseUrl` names a
 * PostgreSQL server on which a database is created for the run and dropped after.
 */
export async function benchLedgerStores({ databaseUrl, prefill = 1_000_000, seconds = 4, log = console.error }) {
  const dir = mkdtempSync(join(tmpdir(), 'consentkit-bench-stores-'));
  const name = 'consentkit_bench_' + randomBytes(4).toString('hex');
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = '/' + name;
  const rows = [];
  try {
    const file = join(dir, 'consent.db');
    log(`pre-filling SQLite and PostgreSQL with ${prefill} receipts each…`);
    await prefillSqlite(file, prefill);
    await prefillPostgres(url.href, prefill);
    const setups = [
      { store: 'SQLite', processes: 1, db: file },
      { store: 'PostgreSQL', processes: 1, db: url.href },
      { store: 'PostgreSQL', processes: 2, db: url.href },
      { store: 'PostgreSQL', processes: 4, db: url.href },
    ];
    for (const setup of setups) {
      const ledgers = await startLedgers(setup.db, setup.processes);
      try {
        await measure(ledgers.endpoints, { connections: 8, batch: 1, seconds: 1 }); // warm-up
        for (const connections of [16, 64]) {
          for (const batch of [1, 50]) {
            const row = { store: setup.store, processes: setup.processes, connections, batch, ...(await measure(ledgers.endpoints, { connections, batch, seconds })) };
            log(`${row.store} ×${row.processes}, ${connections} connections, batch ${batch}: ${Math.round(row.perSecond)} receipts/s, p99 ${row.p99.toFixed(0)} ms`);
            rows.push(row);
          }
        }
      } finally {
        await ledgers.stop();
      }
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** The rows as a Markdown table. */
export function formatLedgerStores(rows) {
  const lines = ['| store | processes | connections | batch | receipts/s | p50 ms | p99 ms | max ms | errors |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|'];
  for (const r of rows) {
    lines.push(`| ${r.store} | ${r.processes} | ${r.connections} | ${r.batch} | ${Math.round(r.perSecond)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.errors} |`);
  }
  return lines.join('\n');
}
