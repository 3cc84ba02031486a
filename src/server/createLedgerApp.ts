import type { Pool } from 'pg';
import type Database from 'better-sqlite3';
import { type ConsoleOptions, createConsoleApp } from './console/createConsoleApp';
import { type ClientInfo, type LedgerHandler, type LedgerHandlerOptions, createLedgerHandler } from './createLedgerHandler';
import { createPostgresStatsStore } from './stats/createPostgresStatsStore';
import { createSqliteStatsStore } from './stats/createSqliteStatsStore';
import { createStatsApp } from './stats/createStatsApp';
import { createStatsService, type StatsService } from './stats/createStatsService';
import type { LedgerStore } from './types';
import type { StatsStore } from './stats/StatsStore';

export interface LedgerAppOptions extends LedgerHandlerOptions, Omit<ConsoleOptions, 'basePath' | 'clock'> {
  /**
   * Where the statistics' aggregates live. @default tables beside the ledger's
   * (its SQLite file or PostgreSQL schema); none for another store, and then
   * `{base}/stats` and `{base}/impressions` answer 404
   */
  statsStore?: StatsStore;
}

/** Paths of the console and of the configuration's delivery, below the base path. */
const CONSOLE_PATH = /^\/(consentkit\.js|config\.json|console(\/.*)?)$/;
/** Paths of the statistics, below the base path. */
const STATS_PATH = /^\/(stats|impressions)$/;

/** The statistics' store beside the ledger's own tables, when the ledger is one of the two built-in stores. */
function defaultStatsStore(store: LedgerHandlerOptions['store']): StatsStore | undefined {
  const { db, pool, schema } = store as { db?: Database.Database; pool?: Pool; schema?: string };
  return db ? createSqliteStatsStore(db) : pool ? createPostgresStatsStore(pool, schema) : undefined;
}

/**
 * The ledger's store, its erase preceded by a roll-up: the subject's receipts
 * are counted from their rows, with each withdrawal compared with the receipt
 * before it. (Without it nothing would be lost either: the trigger keeps the
 * counted fields of rows erased before they were rolled up.)
 */
function countBeforeErasing(store: LedgerStore, service: StatsService, onError: (error: unknown) => void): LedgerStore {
  const erase: LedgerStore['erase'] = async (subject, erasedAt) => {
    // An erasure never waits on the statistics' health: if the roll-up fails, the trigger still keeps the counts.
    await service.refresh().catch(onError);
    return store.erase(subject, erasedAt);
  };
  // A proxy rather than a copy: methods on a class's prototype, and any the store adds, still reach it.
  return new Proxy(store, {
    get(target, property) {
      if (property === 'erase') return erase;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The ledger with its console: `{base}/console/*`, `{base}/consentkit.js` and
 * `{base}/config.json` go to the console, `{base}/stats` and
 * `{base}/impressions` to the statistics, everything else to the ledger's own
 * handler, unchanged. A Web-standard handler like createLedgerHandler's.
 */
export function createLedgerApp(options: LedgerAppOptions): LedgerHandler {
  const base = (options.basePath ?? '/api/consent').replace(/\/+$/, '');
  const consoleApp = createConsoleApp({ ...options, basePath: base, ...(options.clock ? { clock: options.clock } : {}) });
  const now = options.clock ?? Date.now;
  const statsStore = options.statsStore ?? defaultStatsStore(options.store);
  const onError = options.onError ?? ((error: unknown) => console.error('[consentkit-ledger] statistics:', error));
  const service = statsStore ? createStatsService({ store: statsStore, now, onError }) : null;
  const ledger = createLedgerHandler(service ? { ...options, store: countBeforeErasing(options.store, service, onError) } : options);
  const statsApp = statsStore && service
    ? createStatsApp({
        base,
        store: statsStore,
        service,
        configStore: options.configStore,
        now,
        origins: options.origins ?? [],
        publicUrl: options.publicUrl,
        rateLimit: options.rateLimit ?? {},
        onError,
        clientKey: (request, clientAddress) => (options.clientKey ? options.clientKey(request, { ...(clientAddress ? { clientAddress } : {}) }) : (clientAddress ?? 'unknown')),
      })
    : null;
  return async (request: Request, info: ClientInfo = {}) => {
    let path = '';
    try {
      path = new URL(request.url).pathname;
    } catch {
      // A malformed URL is the ledger's to answer (400).
    }
    const rest = path.startsWith(base + '/') ? path.slice(base.length) : '';
    if (CONSOLE_PATH.test(rest)) return consoleApp.fetch(request, info);
    if (statsApp && STATS_PATH.test(rest)) return statsApp.fetch(request, info);
    return ledger(request, info);
  };
}
