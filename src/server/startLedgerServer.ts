import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLedgerHandler, type LedgerHandlerOptions } from './createLedgerHandler';
import { createNodeListener } from './createNodeListener';
import { createSqliteStore, type SqliteStoreOptions } from './createSqliteStore';
import type { LedgerStore } from './types';
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
  /** Mounts the console at `{base}/console/` and serves `{base}/consentkit.js` and `{base}/config.json`; its tables go in the same SQLite file unless a `configStore` is given. @default undefined (the ledger only) */
  console?: ServerConsoleOptions;
}

export interface LedgerServer {
  /** The server's origin, e.g. http://127.0.0.1:8787 */
  url: string;
  /** Where the SDK's `endpoint` should point, e.g. http://127.0.0.1:8787/api/consent */
  endpoint: string;
  store: LedgerStore;
  /** Stops accepting, ends open connections, closes the database it opened. */
  close(): Promise<void>;
}

/** Runs the ledger on node:http. */
export async function startLedgerServer(options: LedgerServerOptions = {}): Promise<LedgerServer> {
  const { db = './data/consent.db', store: given, synchronous, port = 8787, host = '127.0.0.1', console: consoleOptions, ...handlerOptions } = options;
  const store = given ?? createSqliteStore(db, synchronous ? { synchronous } : {});
  const handler = consoleOptions ? ledgerAppFor({ ...handlerOptions, store }, consoleOptions) : createLedgerHandler({ ...handlerOptions, store });
  const server = createServer(createNodeListener(handler));
  // Slow clients must not hold connections open forever.
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
  } catch (error) {
    if (!given) await store.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const base = (options.basePath ?? '/api/consent').replace(/\/+$/, '');
  let closing: Promise<void> | undefined;
  return {
    url,
    endpoint: url + base,
    store,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => (given ? undefined : store.close()))),
  };
}
