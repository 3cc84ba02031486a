import type { Pool } from 'pg';
import { createPostgresConfigStore } from '../config/createPostgresConfigStore';
import { createSqliteConfigStore } from '../config/createSqliteConfigStore';
import type { ConfigStore } from '../config/ConfigStore';
import { createLedgerApp } from '../createLedgerApp';
import type { LedgerHandler, LedgerHandlerOptions } from '../createLedgerHandler';
import type { ConsoleOptions } from './createConsoleApp';

/** startLedgerServer's `console` option: the console's options, its store defaulting to tables beside the ledger's (SQLite file or PostgreSQL schema). */
export type ServerConsoleOptions = Omit<ConsoleOptions, 'basePath' | 'clock' | 'configStore'> & { configStore?: ConfigStore };

/** The ledger with its console, for startLedgerServer and the bin. */
export function ledgerAppFor(handlerOptions: LedgerHandlerOptions, console: ServerConsoleOptions): LedgerHandler {
  const { db, pool, schema } = handlerOptions.store as { db?: Parameters<typeof createSqliteConfigStore>[0]; pool?: Pool; schema?: string };
  const configStore = console.configStore ?? (db ? createSqliteConfigStore(db) : pool ? createPostgresConfigStore(pool, schema) : undefined);
  if (!configStore) throw new TypeError('console.configStore is required when the ledger store is neither SQLite nor PostgreSQL');
  return createLedgerApp({ ...handlerOptions, ...console, configStore });
}
