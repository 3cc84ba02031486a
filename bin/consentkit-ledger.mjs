#!/usr/bin/env node
// consentkit-ledger: runs the consent ledger on node:http, verifies a ledger,
// migrates a PostgreSQL ledger's schema, or copies an SQLite ledger to PostgreSQL.
//   consentkit-ledger [--db ./data/consent.db | postgres://…] [--port 8787] [--host 127.0.0.1] [--origin https://www.example.com]... [--public-url URL] [--trust-proxy N|ADDR]...
//   consentkit-ledger verify [--db …]
//   consentkit-ledger migrate [--db postgres://…]
//   consentkit-ledger copy --from ./data/consent.db --to postgres://…
//   consentkit-ledger verify --ack FILE | --checkpoints FILE | --export FILE --key PUBLIC_KEY   (bin/ledgerProof.mjs)
//   consentkit-ledger checkpoints --out FILE;  consentkit-ledger export --from DATE --to DATE [--subject ID] --out FILE
//   consentkit-ledger user add NAME --role editor|viewer [--db ./data/consent.db]   (password on stdin or prompted)
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { createPostgresProofReader, resolveLedgerKey, LedgerStartError, LedgerUnreadableError, addUser, copyLedger, createPostgresConfigStore, createPostgresStore, createSqliteConfigStore, createSqliteStore, openSqliteLedgerSnapshot, startLedgerServer, verifyLedger } from '../dist/server.mjs';
import { readPassword } from './readPassword.mjs';
import { runProofCommand } from './ledgerProof.mjs';
import { TOKEN_USAGE, runTokenCommand } from './tokenCommand.mjs';

const USAGE = `Usage:
  consentkit-ledger [serve] [--db FILE|URL] [--port N] [--host ADDR] [--origin URL]... [--public-url URL] [options]
  consentkit-ledger verify [--db FILE|URL]
      reads a private copy of a file, or PostgreSQL in read-only transactions; exit 0 intact
      (flagged receipts are warnings), 1 tampered, 2 cannot verify (no ledger, not a ledger, bad arguments)
  consentkit-ledger migrate [--db URL]
      brings a PostgreSQL ledger's schema up to date (serving does it too)
  consentkit-ledger copy --from FILE --to URL
      copies an SQLite ledger into an empty PostgreSQL one; verifies both ends
  consentkit-ledger verify [--db FILE|URL] --checkpoints FILE [--key KEY]
      also checks the ledger against checkpoints kept outside it (exit 1 when it no longer holds what they signed)
  consentkit-ledger verify [--db FILE|URL] --ack FILE [--key KEY]
      checks a visitor's acknowledgement: signed by the ledger, its receipt present and unchanged
  consentkit-ledger verify --export FILE.jsonl --key PUBLIC_KEY
      checks an audit export offline, without any database
  consentkit-ledger checkpoints [--db FILE|URL] --out FILE [--key KEY]
      appends the checkpoints FILE does not hold yet (keep FILE outside the database's machine)
  consentkit-ledger export [--db FILE|URL] --from DATE --to DATE [--subject ID] --out FILE.jsonl [--key KEY]
      receipts received in [from, to) (a date alone as --to: to the end of that day), their acks, notices, checkpoint
  consentkit-ledger user add NAME --role editor|viewer [--db FILE]
      a console account; the password is read from stdin, or prompted for on a terminal
${TOKEN_USAGE}

  --db         SQLite file, created if missing, or a postgres:// URL
               (default $DATABASE_URL when set, else ./data/consent.db)
  --pool       PostgreSQL connections per process     (default 10)
  --key        the ledger's Ed25519 private key: a PEM file (created 0600 when missing) or PEM text;
               also $CONSENTKIT_LEDGER_KEY. Default for SQLite: the file <db>.key. Required for PostgreSQL.
               verify takes a public key too (PEM, GET {base}/key JSON, or its base64url publicKey)
  --port       port to listen on, 0 for any free port   (default 8787)
  --host       address to listen on                     (default 127.0.0.1)
  --origin     a page origin allowed by CORS; repeat for several
  --public-url the origin browsers reach the ledger at, e.g. https://www.example.com behind a proxy
               (default: the listener's own address); the Host header is never trusted
  --base-path  path prefix of the routes                (default /api/consent)
  --synchronous  full: a 2xx means on disk (default); normal: faster, survives a crash of the process but not of the machine
  --no-rate-limit  turn the per-client rate limit off (when a proxy limits already)
  --trust-proxy  N (proxies in front) or ADDR[/BITS], repeatable: key the rate limit by X-Forwarded-For (default: header ignored)
  --max-connections N        open connections at most; the oldest idle one makes room (default 1000)
  --headers-timeout-ms MS    time to send the request headers                          (default 5000)
  --request-timeout-ms MS    time to send the whole request                             (default 8000)
  --keep-alive-timeout-ms MS idle time before a kept-alive connection is closed        (default 5000)
  --cookie-name NAME         the SDK's consent cookie, refreshed on same-site POSTs    (default consentkit)
  --cookie-domain DOMAIN     its Domain, as the SDK's cookieDomain                     (default: host-only)
  --cookie-max-age-days N    the SDK's maxAgeDays                                      (default 182)
  --no-cookie-refresh        never send Set-Cookie
  --no-subject-limit         turn the per-subject write limit off (load tests, imports)
  --no-proof                 no signing key, acks, notices or checkpoints: for measuring their cost only
  --no-console               serve the ledger only, without {base}/console/, consentkit.js and config.json`;

function fail(message) {
  console.error(`consentkit-ledger: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      db: { type: 'string', default: process.env.DATABASE_URL || './data/consent.db' },
      pool: { type: 'string', default: '10' },
      from: { type: 'string' },
      to: { type: 'string' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      origin: { type: 'string', multiple: true, default: [] },
      'base-path': { type: 'string', default: '/api/consent' },
      'no-rate-limit': { type: 'boolean', default: false },
      'no-subject-limit': { type: 'boolean', default: false },
      synchronous: { type: 'string', default: 'full' },
      verify: { type: 'boolean', default: false },
      'public-url': { type: 'string' },
      'trust-proxy': { type: 'string', multiple: true, default: [] },
      'max-connections': { type: 'string', default: '1000' },
      'headers-timeout-ms': { type: 'string', default: '5000' },
      'request-timeout-ms': { type: 'string', default: '8000' },
      'keep-alive-timeout-ms': { type: 'string', default: '5000' },
      'cookie-name': { type: 'string', default: 'consentkit' },
      'cookie-domain': { type: 'string' },
      'cookie-max-age-days': { type: 'string', default: '182' },
      'no-cookie-refresh': { type: 'boolean', default: false },
      role: { type: 'string' },
      'no-console': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      key: { type: 'string' },
      ack: { type: 'string' },
      checkpoints: { type: 'string' },
      export: { type: 'string' },
      out: { type: 'string' },
      subject: { type: 'string' },
      'no-proof': { type: 'boolean', default: false },
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
const userAdd = command === 'user' && positionals[1] === 'add' && positionals.length === 3;
if (!userAdd && command !== 'token' && (!['serve', 'verify', 'migrate', 'copy', 'checkpoints', 'export'].includes(command) || positionals.length > 1)) fail(`unknown command "${positionals.join(' ')}"`);
const isPostgres = (db) => /^postgres(ql)?:\/\//.test(db);
const postgres = isPostgres(values.db);
const db = postgres ? values.db : resolve(values.db);
/** The database as printed: a URL without its password. */
const shown = (db) => (isPostgres(db) ? db.replace(/:\/\/([^:@/]*):[^@/]*@/, '://$1:***@') : db);
/** Opens a PostgreSQL ledger, or exits with one line that says what failed (a wrong URL, a server down, no pg). */
async function openPostgres(url, options, exitCode) {
  try {
    return await createPostgresStore({ connection: url, ...options });
  } catch (error) {
    console.error(`consentkit-ledger: cannot open the PostgreSQL ledger at ${shown(url)}: ${error.message}`);
    process.exit(exitCode);
  }
}

if (command === 'token') await runTokenCommand(positionals.slice(1), { db, postgres, shown, fail, openPostgres });

// The console's accounts: `user add NAME --role editor|viewer`, the password never on the command line.
if (userAdd) {
  if (values.role !== 'editor' && values.role !== 'viewer') fail('--role must be editor or viewer');
  const name = positionals[2];
  const password = await readPassword(`Password for ${name}: `);
  const ledger = postgres ? await openPostgres(db, { poolSize: 1 }, 1) : createSqliteStore(db);
  try {
    await addUser(postgres ? createPostgresConfigStore(ledger.pool, ledger.schema) : createSqliteConfigStore(ledger.db), name, values.role, password);
  } catch (error) {
    await ledger.close();
    fail(error.message);
  }
  await ledger.close();
  console.log(`console account ${name} (${values.role}) saved in ${shown(db)}`);
  process.exit(0);
}
const poolSize = Number(values.pool);
if (!Number.isInteger(poolSize) || poolSize < 1) fail('--pool must be a whole number of connections, 1 or more');

if (command === 'migrate') {
  if (!postgres) fail('migrate is for a PostgreSQL ledger (--db postgres://…); an SQLite file is set up when it is opened');
  const store = await openPostgres(db, { poolSize: 1 }, 1);
  const { applied, version } = store.migration;
  await store.close();
  console.log(`${applied.length ? `applied migrations ${applied.join(', ')}` : 'nothing to migrate'}: schema at version ${version} (${shown(db)})`);
  process.exit(0);
}

if (command === 'copy') {
  if (!values.from || !values.to || !isPostgres(values.to)) fail('copy needs --from FILE (an SQLite ledger) and --to postgres://…');
  const from = resolve(values.from);
  if (!existsSync(from)) fail(`no ledger at ${from}`);
  let source;
  try {
    source = openSqliteLedgerSnapshot(from);
  } catch (error) {
    if (!(error instanceof LedgerUnreadableError)) throw error;
    console.error(`consentkit-ledger: copy failed: ${error.message}`);
    process.exit(1);
  }
  const target = await openPostgres(values.to, { poolSize: 2 }, 1);
  try {
    const result = await copyLedger(source, target);
    console.log(`copied ${result.receipts} receipts and ${result.tombstones} tombstones from ${from} to ${shown(values.to)}; both verify`);
  } catch (error) {
    console.error(`consentkit-ledger: copy failed: ${error.message}`);
    process.exitCode = 1;
  } finally {
    source.close();
    await target.close();
  }
  process.exit();
}

/** The key flag or environment variable, as given (a path or PEM text), or undefined. */
const keyValue = values.key ?? process.env.CONSENTKIT_LEDGER_KEY ?? undefined;
/** A key value or the SQLite default beside the file; never creates one (these commands read only). */
const readingKeyValue = () => keyValue ?? (postgres ? fail('give the ledger\'s key with --key (or $CONSENTKIT_LEDGER_KEY): a PostgreSQL ledger has no default key file') : `${db}.key`);

/** The ledger opened for reading only (a private copy of a file, or read-only transactions), or exit 2 with why not. */
async function openForReading() {
  let store;
  if (postgres) {
    // Read-only transactions and no migration: verify never writes to what it checks.
    store = await openPostgres(db, { poolSize: 2, migrate: false, readOnly: true }, 2);
    if (store.migration.version === 0) {
      await store.close();
      console.log(`ledger CANNOT VERIFY: no ledger schema (${shown(db)})`);
      process.exit(2);
    }
    // Opened without a key, the store signs nothing; its proof tables are still read.
    return store.proof ? store : { ...store, proof: createPostgresProofReader(store.pool, store.schema) };
  }
  if (!existsSync(db)) {
    console.log(`ledger CANNOT VERIFY: no ledger file (${db})`);
    process.exit(2);
  }
  try {
    return openSqliteLedgerSnapshot(db);
  } catch (error) {
    if (!(error instanceof LedgerUnreadableError)) throw error;
    console.log(`ledger CANNOT VERIFY: ${error.message} (${db})`);
    process.exit(2);
  }
}

// verify --ack/--checkpoints/--export, checkpoints, export: bin/ledgerProof.mjs (each exits when it ran).
await runProofCommand(command, values, { keyValue, readingKeyValue, openForReading, fail });

// Exit codes of verify: 0 intact, 1 tampered, 2 cannot verify (as for bad arguments).
if (command === 'verify') {
  const store = await openForReading();
  const result = await verifyLedger(store);
  await store.close();
  const counts = `${result.receipts} receipts, ${result.subjects} subjects, ${result.tombstones} tombstones`;
  if (result.status === 'intact') console.log(`ledger OK: ${counts} (${shown(db)})`);
  else if (result.status === 'tampered') {
    const { table, seq, id, reason } = result.broken;
    console.log(`ledger BROKEN at ${table} row ${seq}${id ? ` (receipt ${id})` : ''}: ${reason}. ${counts} (${shown(db)})`);
  } else console.log(`ledger CANNOT VERIFY: ${result.problem} (${shown(db)})`);
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

/** A whole number from `min` to `max`, or the usage and exit 2. */
function integer(flag, min, max) {
  const value = Number(values[flag]);
  if (!Number.isInteger(value) || value < min || value > max) fail(`--${flag} must be a whole number from ${min} to ${max}`);
  return value;
}
const publicUrl = values['public-url'];
if (publicUrl !== undefined && !/^https?:\/\/[^/]+\/?$/.test(publicUrl)) fail(`--public-url must look like https://www.example.com, not "${publicUrl}"`);
const trust = values['trust-proxy'].flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
const hops = trust.length === 1 && /^\d+$/.test(trust[0]) ? Number(trust[0]) : null;
if (hops === null && trust.some((v) => !isIP(v.split('/')[0]))) fail('--trust-proxy takes a number of proxies, or their IP addresses or CIDR ranges');
// The signing key: given, or (SQLite only) the file beside the database, created on first start.
if (postgres && !keyValue && !values['no-proof']) fail('a PostgreSQL ledger needs --key FILE (or $CONSENTKIT_LEDGER_KEY): every process on one database must sign with the same key');
let ledgerKey;
try {
  ledgerKey = values['no-proof'] ? false : keyValue ? resolveLedgerKey(keyValue) : undefined;
} catch (error) {
  console.error(`consentkit-ledger: cannot use the key ${keyValue.trimStart().startsWith('-----') ? '(PEM text)' : keyValue}: ${error.message}`);
  process.exit(1);
}
// A PostgreSQL store is opened here (migrated under a lock) and closed after the server.
const store = postgres ? await openPostgres(db, { poolSize, ...(ledgerKey ? { key: ledgerKey } : {}) }, 1) : undefined;
const options = {
  ...(store ? { store } : { db, ...(ledgerKey !== undefined ? { key: ledgerKey } : {}) }),
  port,
  host: values.host,
  origins: values.origin,
  basePath: values['base-path'],
  synchronous: values.synchronous,
  maxConnections: integer('max-connections', 1, 100_000),
  headersTimeoutMs: integer('headers-timeout-ms', 100, 600_000),
  requestTimeoutMs: integer('request-timeout-ms', 100, 600_000),
  keepAliveTimeoutMs: integer('keep-alive-timeout-ms', 0, 600_000),
  consentCookie: values['no-cookie-refresh']
    ? false
    : { name: values['cookie-name'], maxAgeDays: integer('cookie-max-age-days', 1, 400), ...(values['cookie-domain'] ? { domain: values['cookie-domain'] } : {}) },
  ...(publicUrl ? { publicUrl } : {}),
  ...(trust.length ? { trustProxy: hops ?? trust } : {}),
  ...(values['no-rate-limit'] ? { rateLimit: false } : {}),
  ...(values['no-subject-limit'] ? { subjectLimit: false } : {}),
  // The console keeps its tables beside the ledger's: in the SQLite file, or in the PostgreSQL schema.
  ...(values['no-console'] ? {} : { console: {} }),
};

let server;
try {
  server = await startLedgerServer(options);
} catch (error) {
  // One line an operator can act on (what, which path or port, what to do), never a stack trace.
  const message = error instanceof LedgerStartError || error instanceof TypeError ? error.message : `could not start: ${error?.message ?? error}`;
  console.error(`consentkit-ledger: ${message.replace(/\s*\n\s*/g, ' ')}`);
  process.exit(1);
}
console.log(`consentkit ledger listening on ${server.endpoint}`);
if (publicUrl) console.log(`public URL: ${publicUrl}`);
console.log(`database: ${shown(db)}`);
if (values.origin.length) console.log(`allowed origins: ${values.origin.join(', ')}`);
if (options.console) console.log(`console: ${server.endpoint}/console/ (accounts: consentkit-ledger user add NAME --role editor|viewer)`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  await server.close();
  await store?.close();
  console.log(`consentkit ledger stopped (${signal})`);
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
