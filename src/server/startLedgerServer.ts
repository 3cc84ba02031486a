import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { capConnections } from './capConnections';
import { coalesceAppends } from './coalesceAppends';
import type { TrustProxy } from './createClientAddress';
import { createLedgerHandler, type LedgerHandlerOptions } from './createLedgerHandler';
import { createNodeListener } from './createNodeListener';
import { createSqliteStore, type SqliteStoreOptions } from './createSqliteStore';
import { databaseStartError, listenStartError } from './LedgerStartError';
import type { LedgerStore } from './types';
import { createCheckpointer } from './proof/createCheckpointer';
import type { LedgerKey } from './proof/ledgerKey';
import { ledgerAppFor, type ServerConsoleOptions } from './console/ledgerAppFor';

export interface LedgerServerOptions extends Omit<LedgerHandlerOptions, 'store'> {
  /** Path of the SQLite file (its folder is created); ignored when `store` is given. @default './data/consent.db' */
  db?: string;
  /** A store of your own instead of the SQLite file; it is not closed by close(). */
  store?: LedgerStore;
  /** SQLite durability, see createSqliteStore. @default 'full' */
  synchronous?: SqliteStoreOptions['synchronous'];
  /** 0 picks a free port. @default 8787 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * The origin browsers reach the ledger at, when a reverse proxy serves it
   * (e.g. 'https://www.example.com'). Request URLs and the same-origin test use
   * it, never the `Host` header. @default the listener's own address, e.g. 'http://127.0.0.1:8787'
   */
  publicUrl?: string;
  /** Proxies allowed to name the client in `X-Forwarded-For`, for the rate limits: a hop count or addresses/CIDR ranges. @default undefined (the header is ignored) */
  trustProxy?: TrustProxy;
  /** Open connections at most; over it the oldest idle one is closed. @default 1000 */
  maxConnections?: number;
  /** Time for a client to send its request headers. @default 5000 */
  headersTimeoutMs?: number;
  /** Time for a client to send its whole request, body included (slow senders are dropped within this plus 1 s). @default 8000 */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open. @default 5000 */
  keepAliveTimeoutMs?: number;
  /**
   * The ledger's Ed25519 key for the SQLite file opened here; ignored when
   * `store` is given (give the store its key). @default the file `<db>.key`,
   * created on first start with mode 0600; false: no proof (measurements only)
   */
  key?: LedgerKey | false;
  /** How often a checkpoint is signed while receipts arrive (and one at start and at close); false: none. @default 60000 */
  checkpointIntervalMs?: number | false;
  /** Mounts the console at `{base}/console/` and serves `{base}/consentkit.js` and `{base}/config.json`; its tables go in the same SQLite file unless a `configStore` is given. @default undefined (the ledger only) */
  console?: ServerConsoleOptions;
}

export interface LedgerServer {
  /** The listener's origin, e.g. http://127.0.0.1:8787 */
  url: string;
  /** Where the SDK's `endpoint` should point when it reaches the listener directly, e.g. http://127.0.0.1:8787/api/consent */
  endpoint: string;
  store: LedgerStore;
  /** Stops accepting, ends open connections, closes the database it opened. */
  close(): Promise<void>;
}

const CONNECT_REFUSED =
  'HTTP/1.1 405 Method Not Allowed\r\nallow: GET, POST, DELETE, OPTIONS\r\ncontent-type: application/json; charset=utf-8\r\nconnection: close\r\ncontent-length: 69\r\n\r\n' +
  '{"error":"method_not_allowed","message":"The ledger is not a proxy."}';

/** Runs the ledger on node:http. Start-up failures throw a LedgerStartError with a one-line message. */
export async function startLedgerServer(options: LedgerServerOptions = {}): Promise<LedgerServer> {
  const { db = './data/consent.db', store: given, synchronous, key, checkpointIntervalMs = 60_000, port = 8787, host = '127.0.0.1', publicUrl, trustProxy, console: consoleOptions, ...rest } = options;
  const { maxConnections = 1000, headersTimeoutMs = 5000, requestTimeoutMs = 8000, keepAliveTimeoutMs = 5000, ...handlerOptions } = rest;
  const publicOrigin = publicUrl === undefined ? undefined : new URL(publicUrl).origin;
  if (publicOrigin !== undefined && !/^https?:/.test(publicOrigin)) throw new TypeError(`publicUrl must be an http(s) URL, not "${publicUrl}"`);
  let store: LedgerStore;
  try {
    store = given ?? coalesceAppends(createSqliteStore(db, { ...(synchronous ? { synchronous } : {}), ...(key !== undefined ? { key } : {}) }));
  } catch (error) {
    throw databaseStartError(db, error);
  }
  // Checked every second, so a slow sender goes within a second of its timeout (Node's default check is every 30 s).
  const server = createServer({ connectionsCheckingInterval: 1000, requestTimeout: requestTimeoutMs, headersTimeout: Math.min(headersTimeoutMs, requestTimeoutMs) });
  server.keepAliveTimeout = keepAliveTimeoutMs;
  capConnections(server, maxConnections);
  server.on('connect', (_req, socket) => socket.end(CONNECT_REFUSED));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
  } catch (error) {
    if (!given) await store.close();
    throw listenStartError(host, port, error);
  }
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const origin = publicOrigin ?? url;
  const handler = consoleOptions ? ledgerAppFor({ ...handlerOptions, publicUrl: origin, store }, consoleOptions) : createLedgerHandler({ ...handlerOptions, publicUrl: origin, store });
  server.on('request', createNodeListener(handler, { publicUrl: origin, ...(trustProxy === undefined ? {} : { trustProxy }) }));
  const base = (options.basePath ?? '/api/consent').replace(/\/+$/, '');
  const checkpointer =
    store.proof && checkpointIntervalMs !== false
      ? createCheckpointer(store.proof, { intervalMs: checkpointIntervalMs, ...(handlerOptions.clock ? { clock: handlerOptions.clock } : {}), ...(handlerOptions.onError ? { onError: handlerOptions.onError } : {}) })
      : null;
  let closing: Promise<void> | undefined;
  return {
    url,
    endpoint: url + base,
    store,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })
        // The last checkpoint covers every receipt answered before the stop (a failed one is logged: the next start signs it).
        .then(() => checkpointer?.close().catch((error: unknown) => (handlerOptions.onError ?? console.error)(error)))
        .then(() => (given ? undefined : store.close()))),
  };
}
