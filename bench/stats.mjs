// How fast the statistics answer on a large ledger: GET {base}/stats over loopback, with a token,
// once the aggregates of N receipts spread over D days are rolled up. The receipts are written straight
// into the ledger's table by one SQL statement per chunk (varied actions, sources, languages, reasons,
// versions, decision times, categories, services; withdrawals among them), not through the chain: the
// statistics read the rows, not the hashes, and posting 10 million receipts would take an hour.
//   node bench/stats.mjs                         SQLite, 10,000,000 receipts over 366 days (first run builds
//                                                bench/.cache/stats-10000000.db and rolls it up: minutes)
//   --receipts N  --days D  --runs R (default 20)  --store sqlite|postgres (PostgreSQL: DATABASE_URL, a fresh database)
// Run `npm run build` first. Prints the catch-up (roll-up) rate when it rolls up, then one markdown table:
// range × format, median / p95 / max ms over R requests after two warm-ups.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { postgresBenchDatabase } from './lib/postgresBenchDatabase.mjs';

const { values } = parseArgs({
  options: {
    receipts: { type: 'string', default: '10000000' },
    days: { type: 'string', default: '366' },
    runs: { type: 'string', default: '20' },
    store: { type: 'string', default: 'sqlite' },
  },
});
const N = Number(values.receipts);
const DAYS = Number(values.days);
const RUNS = Number(values.runs);
const CHUNK = 500_000;
const LAST_DAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const FIRST_DAY = new Date(Date.parse(LAST_DAY) - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
const log = (line) => console.error(line);
const server = await import('../dist/server.mjs');

/** One row's fields as SQL expressions over its number `i` (dialect: random integers 0..k-1 and JSON booleans differ). */
function rowSql(dialect) {
  const r = (k) => (dialect === 'sqlite' ? `(abs(random()) % ${k})` : `floor(random() * ${k})::int`);
  const bool = (percent) => (dialect === 'sqlite' ? `json(CASE WHEN ${r(100)} < ${percent} THEN 'true' ELSE 'false' END)` : `(${r(100)} < ${percent})`);
  const obj = dialect === 'sqlite' ? 'json_object' : 'jsonb_build_object';
  const pick = (items) => `(CASE ${r(items.length)} ${items.map((item, n) => `WHEN ${n} THEN '${item}'`).join(' ')} END)`;
  const action = pick(['accept-all', 'accept-all', 'accept-all', 'reject-all', 'reject-all', 'dismiss', 'save', 'save', 'withdraw']);
  const body = `${obj}('action', ${action}, 'source', ${pick(['banner', 'banner', 'banner', 'preferences', 'settings-button', 'placeholder', 'api', 'gpc'])},
    'language', ${pick(['fr', 'fr', 'en', 'en-GB', 'de', 'es', 'it', 'nl', 'pt-BR', 'pl'])}, 'reason', ${pick(['first-visit', 'first-visit', 'expired', 'policy-changed', 'new-category'])},
    'gpc', ${bool(8)}, 'configVersion', 1 + (i * 6) / ${N}, 'decisionSeconds', ${r(20)} + ${r(20)} * ${r(3)},
    'shownHash', 'sha256:' || ${dialect === 'sqlite' ? `printf('%064d', 1 + (i * 6) / ${N})` : `lpad((1 + (i * 6) / ${N})::text, 64, '0')`},
    'categories', ${obj}('necessary', ${bool(100)}, 'preferences', ${bool(50)}, 'analytics', ${bool(45)}, 'marketing', ${bool(30)}, 'support', ${bool(60)}),
    'services', ${obj}('youtube', ${bool(55)}, 'ad-pixel', ${bool(25)}))`;
  const time = dialect === 'sqlite'
    ? `strftime('%Y-%m-%dT%H:%M:%fZ', julianday('${FIRST_DAY}') + (i * ${DAYS}.0) / ${N})`
    : `to_char(timestamp '${FIRST_DAY}' + (i * ${DAYS}.0 / ${N}) * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const id = (prefix, expr) => (dialect === 'sqlite' ? `printf('${prefix}%020d', ${expr})` : `'${prefix}' || lpad((${expr})::text, 20, '0')`);
  return { columns: `${id('r', 'i')}, ${id('s', 'i / 2')}, ${time}, ${time}, ${body}${dialect === 'sqlite' ? '' : '::text'}, '', 'x', 'x'` };
}

async function measure(endpoint, token) {
  const cases = [
    ['last 30 days (default)', ''],
    ['366 days', `?from=${FIRST_DAY}&to=${LAST_DAY}`],
    ['366 days, CSV', `?from=${FIRST_DAY}&to=${LAST_DAY}&format=csv`],
  ];
  const rows = [];
  for (const [name, query] of cases) {
    const times = [];
    let bytes = 0;
    for (let run = 0; run < RUNS + 2; run++) {
      const started = performance.now();
      const response = await fetch(`${endpoint}/stats${query}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${response.status}: ${body}`);
      if (run >= 2) times.push(performance.now() - started);
      bytes = body.length;
    }
    times.sort((a, b) => a - b);
    const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
    rows.push(`| ${name} | ${bytes.toLocaleString('en')} | ${at(0.5)} | ${at(0.95)} | ${times[times.length - 1].toFixed(1)} |`);
  }
  return rows;
}

async function rollUp(stats) {
  const started = Date.now();
  let done = 0;
  for (let n; (n = await stats.rollUp(5000)) > 0; ) {
    done += n;
    if (done % 500_000 < 5000) log(`  roll-up: ${done.toLocaleString('en')} receipts (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  if (done) log(`  roll-up: ${done.toLocaleString('en')} receipts counted in ${((Date.now() - started) / 1000).toFixed(1)} s (${Math.round(done / ((Date.now() - started) / 1000)).toLocaleString('en')} receipts/s)`);
}

let endpoint;
let cleanup;
if (values.store === 'sqlite') {
  const cache = fileURLToPath(new URL('./.cache/', import.meta.url));
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `stats-${N}-${DAYS}.db`);
  if (!existsSync(file)) {
    const partial = file + '.partial';
    rmSync(partial, { force: true });
    const store = server.createSqliteStore(partial, { synchronous: 'normal' });
    store.db.pragma('synchronous = OFF');
    const started = Date.now();
    const insert = store.db.prepare(`INSERT INTO receipts (id, subject, timestamp, received_at, body, flags, prev_hash, hash)
      WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT ${rowSql('sqlite').columns} FROM n`);
    for (let from = 0; from < N; from += CHUNK) {
      insert.run(from, Math.min(N, from + CHUNK) - 1);
      log(`  prefill: ${Math.min(N, from + CHUNK).toLocaleString('en')} receipts (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    renameSync(partial, file);
  }
  const store = server.createSqliteStore(file, { synchronous: 'normal' });
  await rollUp(server.createSqliteStatsStore(store.db));
  const token = await server.addApiToken(server.createSqliteStatsStore(store.db), server.createSqliteConfigStore(store.db), `bench-${Date.now()}`);
  const ledger = await server.startLedgerServer({ store, port: 0, console: {} });
  endpoint = ledger.endpoint;
  cleanup = async () => {
    await ledger.close();
    store.close();
  };
  var measured = await measure(endpoint, token);
} else {
  if (!process.env.DATABASE_URL) throw new Error('--store postgres needs DATABASE_URL');
  const database = await postgresBenchDatabase(process.env.DATABASE_URL);
  const store = await server.createPostgresStore(database.url);
  try {
    const started = Date.now();
    for (let from = 0; from < N; from += CHUNK) {
      await store.pool.query(`INSERT INTO ${store.schema}.receipts (id, subject, timestamp, received_at, body, flags, prev_hash, hash)
        SELECT ${rowSql('postgres').columns} FROM generate_series($1::bigint, $2::bigint) AS g(i)`, [from, Math.min(N, from + CHUNK) - 1]);
      log(`  prefill: ${Math.min(N, from + CHUNK).toLocaleString('en')} receipts (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    await store.pool.query(`VACUUM ANALYZE ${store.schema}.receipts`);
    const stats = server.createPostgresStatsStore(store.pool, store.schema);
    await rollUp(stats);
    const token = await server.addApiToken(stats, server.createPostgresConfigStore(store.pool, store.schema), 'bench');
    const ledger = await server.startLedgerServer({ store, port: 0, console: {} });
    try {
      var measured = await measure(ledger.endpoint, token);
    } finally {
      await ledger.close();
    }
  } finally {
    await store.close();
    await database.drop();
  }
}
await cleanup?.();
console.log(`GET {base}/stats, ${values.store === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${N.toLocaleString('en')} receipts over ${DAYS} days, ${RUNS} requests each (ms):\n`);
console.log('| range | bytes | median | p95 | max |\n|---|---:|---:|---:|---:|');
for (const row of measured) console.log(row);
