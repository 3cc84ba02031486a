// Ledger throughput and latency, from a node client over loopback, against the
// bin running in its own processes (as in production), on SQLite and, when
// DATABASE_URL names a PostgreSQL server, on PostgreSQL with 1, 2 and 4 processes.
//   node bench/ledger.mjs                       quick: empty database, 16 connections, batches 1 and 50,
//                                               SQLite synchronous full and normal (+ PostgreSQL, 1 process) (~1 min)
//   node bench/ledger.mjs --scenario million    1,000,000 receipts already stored; 16 and 64 connections × batches 1 and 50,
//                                               SQLite (1 process, full) and PostgreSQL (1, 2, 4 processes) (~5 min;
//                                               the first run also builds the cached file bench/.cache/ledger-1000000.db)
//   node bench/ledger.mjs --scenario proof      the cost of the proof: SQLite (full) and PostgreSQL (1 process) with
//                                               signing on and off (--no-proof), 1 × 1 (time from POST to its ack), 16 × 1, 16 × 50;
//                                               then the cost of one ack signature and of a checkpoint per row (~1 min)
//   --rows 64x50[,16x1]   only these connections × batch     --store sqlite|postgres   only this store
//   --prefill N           receipts already stored (million: 1,000,000; quick: 0)
//   --seconds S           length of each cell (quick: 5, million: 8)
//   --profile             the ledgers under --cpu-prof (profiles in bench/.cache/profiles)
// Run `npm run build` first. Prints one markdown table: receipts/s, p50, p99, max, errors and client timeouts
// (synchronous: SQLite's PRAGMA; PostgreSQL's synchronous_commit, left at its default, on),
// and the 1-minute load average at the end of each cell.
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatLedgerTable } from './lib/formatLedgerTable.mjs';
import { runLoad } from './lib/loadClient.mjs';
import { postgresBenchDatabase } from './lib/postgresBenchDatabase.mjs';
import { prefillLedger } from './lib/prefillLedger.mjs';
import { prefillPostgres } from './lib/prefillPostgres.mjs';
import { startLedgers } from './lib/startLedgers.mjs';
import { proofCosts } from './lib/proofCosts.mjs';

const grid = (/** @type {number[]} */ connections, /** @type {number[]} */ batches) => connections.flatMap((c) => batches.map((b) => ({ connections: c, batch: b })));
/** Each setup is one set of ledger processes on one database; its cells run one after the other. */
const SCENARIOS = {
  quick: {
    prefill: 0,
    seconds: 5,
    setups: [
      { store: 'sqlite', processes: 1, synchronous: 'full', cells: grid([16], [1, 50]) },
      { store: 'sqlite', processes: 1, synchronous: 'normal', cells: grid([16], [1, 50]) },
      { store: 'postgres', processes: 1, cells: grid([16], [1, 50]) },
    ],
  },
  million: {
    prefill: 1_000_000,
    seconds: 8,
    setups: [
      { store: 'sqlite', processes: 1, synchronous: 'full', cells: grid([16, 64], [1, 50]) },
      ...[1, 2, 4].map((processes) => ({ store: 'postgres', processes, cells: grid([16, 64], [1, 50]) })),
    ],
  },
  proof: {
    prefill: 0,
    seconds: 4,
    setups: [true, false].flatMap((proof) => [
      { store: 'sqlite', processes: 1, synchronous: 'full', proof, cells: grid([1, 16], [1]).concat(grid([16], [50])) },
      { store: 'postgres', processes: 1, proof, cells: grid([1, 16], [1]).concat(grid([16], [50])) },
    ]),
  },
};
/** A request without an answer after this long counts as a client timeout. */
const CLIENT_TIMEOUT_MS = 30_000;
const STORE_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'quick' },
    rows: { type: 'string' },
    store: { type: 'string' },
    prefill: { type: 'string' },
    seconds: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});
const scenario = SCENARIOS[/** @type {keyof typeof SCENARIOS} */ (values.scenario)];
if (!scenario) {
  console.error(`unknown scenario "${values.scenario}"; known: ${Object.keys(SCENARIOS).join(', ')}`);
  process.exit(2);
}
const prefill = Number(values.prefill ?? scenario.prefill);
const seconds = Number(values.seconds ?? scenario.seconds);
if (!Number.isInteger(prefill) || prefill < 0 || !(seconds > 0)) {
  console.error('--prefill takes a whole number of receipts, --seconds a positive number');
  process.exit(2);
}
const wanted = values.rows?.split(',');
const databaseUrl = process.env.DATABASE_URL;
const setups = scenario.setups
  .filter((s) => (!values.store || s.store === values.store) && (s.store !== 'postgres' || databaseUrl))
  .map((s) => ({ ...s, cells: s.cells.filter((c) => !wanted || wanted.includes(`${c.connections}x${c.batch}`)) }))
  .filter((s) => s.cells.length);
const log = (/** @type {string} */ line) => process.stderr.write(line + '\n');

// Stops by itself whatever happens.
const deadline = setTimeout(() => {
  console.error('ledger bench: over 20 minutes, stopping');
  process.exit(1);
}, 20 * 60_000);

const cache = fileURLToPath(new URL('./.cache/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'consentkit-bench-'));
const template = join(cache, `ledger-${prefill}.db`);
const postgres = setups.some((s) => s.store === 'postgres') ? await postgresBenchDatabase(/** @type {string} */ (databaseUrl)) : undefined;

/** The database a setup runs on, pre-filled with `prefill` receipts (a fresh copy of the cached file for each SQLite setup). */
async function databaseFor(/** @type {typeof setups[number]} */ setup, /** @type {number} */ index) {
  if (setup.store === 'postgres') return /** @type {NonNullable<typeof postgres>} */ (postgres).url;
  const file = join(dir, `${index}.db`);
  if (prefill) await prefillLedger({ template, target: file, count: prefill, log });
  return file;
}

const rows = [];
const loads = [];
const started = new Date();
try {
  if (postgres && prefill) {
    await prefillLedger({ template, count: prefill, log });
    await prefillPostgres({ template, url: postgres.url, log });
  }
  for (const [index, setup] of setups.entries()) {
    const db = await databaseFor(setup, index);
    const extraArgs = 'proof' in setup && setup.proof === false ? ['--no-proof'] : [];
    const ledgers = await startLedgers({ db, processes: setup.processes, synchronous: setup.synchronous, extraArgs, ...(values.profile ? { profileDir: join(cache, 'profiles') } : {}) });
    try {
      await runLoad({ endpoints: ledgers.endpoints, connections: 8, batch: 1, seconds: 1 }); // warm-up
      for (const cell of setup.cells) {
        const store = STORE_NAMES[/** @type {keyof typeof STORE_NAMES} */ (setup.store)] + ('proof' in setup ? (setup.proof ? ', signing on' : ', signing off') : '');
        log(`  ${store} × ${setup.processes}${setup.synchronous ? `, ${setup.synchronous}` : ''}, ${cell.connections} connections × batch ${cell.batch} …`);
        const result = await runLoad({ endpoints: ledgers.endpoints, ...cell, seconds, timeoutMs: CLIENT_TIMEOUT_MS });
        const load = os.loadavg()[0] ?? 0;
        loads.push(load);
        rows.push({ store, processes: setup.processes, synchronous: setup.synchronous ?? 'on', ...cell, ...result, load });
      }
    } finally {
      await ledgers.stop();
    }
  }
  const cpus = os.cpus();
  const stored = prefill ? `${prefill.toLocaleString('en')} receipts already stored` : 'empty database';
  console.log(
    `\nconsentkit ledger, ${values.scenario}: loopback, ${stored}, ${seconds} s a cell, client timeout ${CLIENT_TIMEOUT_MS / 1000} s; ` +
      `SQLite WAL${postgres ? ', PostgreSQL on the same machine' : ''}; node ${process.version}, ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores; ` +
      `${started.toISOString().slice(0, 16)}Z, 1-minute load average ${Math.min(...loads).toFixed(1)} – ${Math.max(...loads).toFixed(1)} during the run\n`,
  );
  console.log(formatLedgerTable(rows));
  if (!databaseUrl) console.log('\nPostgreSQL rows skipped: set DATABASE_URL=postgres://… (eval "$(scripts/pg-cluster.sh start)" starts a throw-away server).');
  if (values.scenario === 'proof') console.log('\n' + (await proofCosts()));
  if (values.profile) console.log(`\nCPU profiles of the ledgers: ${join(cache, 'profiles')}`);
} finally {
  await postgres?.drop();
  rmSync(dir, { recursive: true, force: true });
  clearTimeout(deadline);
}
