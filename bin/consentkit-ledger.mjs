#!/usr/bin/env node
// consentkit-ledger: runs the consent ledger on node:http, verifies a ledger,
// migrates a PostgreSQL ledger's schema, or copies an SQLite ledger to PostgreSQL.
// This file reads the command line and hands it to the file of its command.
//   consentkit-ledger [--db ./data/consent.db | postgres://…] [--port 8787] [--host 127.0.0.1] [--origin https://www.example.com]... [--public-url URL] [--trust-proxy N|ADDR]...
//   consentkit-ledger verify [--db …]
//   consentkit-ledger migrate [--db postgres://…]
//   consentkit-ledger copy --from ./data/consent.db --to postgres://…
//   consentkit-ledger verify --ack FILE | --checkpoints FILE | --export FILE --key PUBLIC_KEY   (bin/ledgerProof.mjs)
//   consentkit-ledger checkpoints --out FILE;  consentkit-ledger export --from DATE --to DATE [--subject ID] --out FILE
//   consentkit-ledger user add NAME --role editor|viewer [--db ./data/consent.db]   (password on stdin or prompted)
import { parseArgs } from 'node:util';
import { commandContext } from './ledgerDatabase.mjs';
import { runProofCommand } from './ledgerProof.mjs';
import { runCopy, runMigrate } from './postgresCommands.mjs';
import { runServe } from './serveCommand.mjs';
import { TOKEN_USAGE, runTokenCommand } from './tokenCommand.mjs';
import { runUserAdd } from './userCommand.mjs';
import { runVerify } from './verifyCommand.mjs';

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

// One file per command; each exits when it is done, except serve, which runs until a signal.
const context = commandContext(values, fail);
if (command === 'token') await runTokenCommand(positionals.slice(1), context);
if (userAdd) await runUserAdd(positionals[2], context);
if (!Number.isInteger(Number(values.pool)) || Number(values.pool) < 1) fail('--pool must be a whole number of connections, 1 or more');
if (command === 'migrate') await runMigrate(context);
if (command === 'copy') await runCopy(context);
// verify --ack/--checkpoints/--export, checkpoints, export: bin/ledgerProof.mjs.
await runProofCommand(command, values, context);
if (command === 'verify') await runVerify(context);
await runServe(context);
