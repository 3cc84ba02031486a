// consentkit-ledger [serve]: the ledger (and its console) on node:http, until SIGINT or SIGTERM.
import { isIP } from 'node:net';
import { LedgerStartError, resolveLedgerKey, startLedgerServer } from '../dist/server.mjs';

/**
 * Checks the serving flags (exit 2 with the usage on a bad one), starts the
 * server (exit 1 with one line an operator can act on when it cannot), and
 * stops cleanly on a signal: the last checkpoint is signed on the way out.
 * @param {ReturnType<import('./ledgerDatabase.mjs').commandContext>} context
 */
export async function runServe({ values, db, postgres, shown, fail, keyValue, openPostgres }) {
  /** A whole number from `min` to `max`, or the usage and exit 2. */
  const integer = (flag, min, max) => {
    const value = Number(values[flag]);
    if (!Number.isInteger(value) || value < min || value > max) fail(`--${flag} must be a whole number from ${min} to ${max}`);
    return value;
  };
  // --pool was checked by the main file.
  const poolSize = Number(values.pool);
  if (!['full', 'normal'].includes(values.synchronous)) fail('--synchronous must be full or normal');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535`);
  for (const origin of values.origin) {
    if (origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin)) fail(`--origin must look like https://www.example.com, not "${origin}"`);
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
}
