import { createSqliteConfigStore } from '../config/createSqliteConfigStore';
import type { ConfigStore } from '../config/ConfigStore';
import { createLedgerApp } from '../createLedgerApp';
import type { LedgerHandler, LedgerHandlerOptions } from '../createLedgerHandler';
import type { ConsoleOptions } from './createConsoleApp';

/** startLedgerServer's `console` option: the console's options, its store defaulting to tables in the ledger's SQLite file. */
export type ServerConsoleOptions = Omit<ConsoleOptions, 'basePath' | 'clock' | 'configStore'> & { configStore?: ConfigStore };

/** The ledger with its console, for startLedgerServer and the bin. */
export function ledgerAppFor(handlerOptions: LedgerHandlerOptions, console: ServerConsoleOptions): LedgerHandler {
  const db = (handlerOptions.store as { db?: Parameters<typeof createSqliteConfigStore>[0] }).db;
  if (!console.configStore && !db) throw new TypeError('console.configStore is required when the ledger store is not SQLite');
  return createLedgerApp({ ...handlerOptions, ...console, configStore: console.configStore ?? createSqliteConfigStore(db!) });
}
