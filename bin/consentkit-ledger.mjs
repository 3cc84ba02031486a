#!/usr/bin/env node
// consentkit-ledger: runs the consent ledger on node:http, or verifies a ledger file.
//   consentkit-ledger [--db ./data/consent.db] [--port 8787] [--host 127.0.0.1] [--origin https://www.example.com]...
//   consentkit-ledger verify [--db ./data/consent.db]
//   consentkit-ledger user add NAME --role editor|viewer [--db ./data/consent.db]   (password on stdin or prompted)
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LedgerUnreadableError, addUser, openSqliteLedgerSnapshot, startLedgerServer, verifyLedger } from '../dist/server.mjs';
import { readPassword } from './readPassword.mjs';

const USAGE = `Usage:
  consentkit-ledger [serve] [--db FILE] [--port N] [--host ADDR] [--origin URL]... [--base-path PATH]
  consentkit-ledger verify [--db FILE]
  consentkit-ledger user add NAME --role editor|viewer [--db FILE]
      a console account; the password is read from stdin, or prompted for on a terminal
      reads a private copy, never the file itself; exit 0 intact (flagged receipts are
      warnings), 1 tampered, 2 cannot verify (no ledger, not a ledger, bad arguments)

  --db         SQLite file, created if missing          (default ./data/consent.db)
  --port       port to listen on, 0 for any free port   (default 8787)
  --host       address to listen on                     (default 127.0.0.1)
  --origin     a page origin allowed by CORS; repeat for several
  --base-path  path prefix of the routes                (default /api/consent)
  --synchronous  full: a 2xx means on disk (default); normal: faster, survives a crash of the process but not of the machine
  --no-rate-limit  turn the per-client rate limit off (when a proxy limits already)
  --no-console   serve the ledger only, without {base}/console/, consentkit.js and config.json`;

function fail(message) {
  console.error(`consentkit-ledger: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      db: { type: 'string', default: './data/consent.db' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      origin: { type: 'string', multiple: true, default: [] },
      'base-path': { type: 'string', default: '/api/consent' },
      'no-rate-limit': { type: 'boolean', default: false },
      synchronous: { type: 'string', default: 'full' },
      verify: { type: 'boolean', default: false },
      role: { type: 'string' },
      'no-console': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  fail(error.message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const command = values.verify ? 'verify' : (positionals[0] ?? 'serve');
const db = resolve(values.db);

if (command === 'user') {
  const [, action, name] = positionals;
  if (action !== 'add' || !name || positionals.length > 3) fail('use: user add NAME --role editor|viewer');
  if (values.role !== 'editor' && values.role !== 'viewer') fail('--role must be editor or viewer');
  try {
    await addUser(db, name, values.role, await readPassword(`Password for ${name}: `));
  } catch (error) {
    fail(error.message);
  }
  console.log(`console account ${name} (${values.role}) saved in ${db}`);
  process.exit(0);
}
if (!['serve', 'verify'].includes(command) || positionals.length > 1) fail(`unknown command "${positionals.join(' ')}"`);

// Exit codes of verify: 0 intact, 1 tampered, 2 cannot verify (as for bad arguments).
if (command === 'verify') {
  if (!existsSync(db)) {
    console.log(`ledger CANNOT VERIFY: no ledger file (${db})`);
    process.exit(2);
  }
  let snapshot;
  try {
    snapshot = openSqliteLedgerSnapshot(db);
  } catch (error) {
    if (!(error instanceof LedgerUnreadableError)) throw error;
    console.log(`ledger CANNOT VERIFY: ${error.message} (${db})`);
    process.exit(2);
  }
  const result = await verifyLedger(snapshot);
  snapshot.close();
  const counts = `${result.receipts} receipts, ${result.subjects} subjects, ${result.tombstones} tombstones`;
  if (result.status === 'intact') console.log(`ledger OK: ${counts} (${db})`);
  else if (result.status === 'tampered') {
    const { table, seq, id, reason } = result.broken;
    console.log(`ledger BROKEN at ${table} row ${seq}${id ? ` (receipt ${id})` : ''}: ${reason}. ${counts} (${db})`);
  } else console.log(`ledger CANNOT VERIFY: ${result.problem} (${db})`);
  const flagged = Object.entries(result.flagged).filter(([, n]) => n > 0);
  if (flagged.length && result.status !== 'unverifiable') {
    console.log(`warning: flagged receipts (stored, but worth a look): ${flagged.map(([flag, n]) => `${n} ${flag}`).join(', ')}`);
    for (const row of result.flaggedRows.slice(0, 20)) console.log(`  receipts row ${row.seq} (receipt ${row.id}): ${row.flags.join(', ')}`);
    if (result.flaggedRows.length > 20) console.log('  …');
  }
  process.exit({ intact: 0, tampered: 1, unverifiable: 2 }[result.status]);
}

if (!['full', 'normal'].includes(values.synchronous)) fail('--synchronous must be full or normal');
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535`);
for (const origin of values.origin) {
  if (origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin)) fail(`--origin must look like https://www.example.com, not "${origin}"`);
}

const server = await startLedgerServer({
  db,
  port,
  host: values.host,
  origins: values.origin,
  basePath: values['base-path'],
  synchronous: values.synchronous,
  ...(values['no-rate-limit'] ? { rateLimit: false } : {}),
  ...(values['no-console'] ? {} : { console: {} }),
});
console.log(`consentkit ledger listening on ${server.endpoint}`);
if (!values['no-console']) console.log(`console: ${server.endpoint}/console/ (accounts: consentkit-ledger user add NAME --role editor)`);
console.log(`database: ${db}`);
if (values.origin.length) console.log(`allowed origins: ${values.origin.join(', ')}`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  await server.close();
  console.log(`consentkit ledger stopped (${signal})`);
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
