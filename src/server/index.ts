// consentkit/server: the self-hosted consent ledger (Node only; never bundled for the browser).
export { createLedgerHandler } from './createLedgerHandler';
export type { ClientInfo, LedgerHandler, LedgerHandlerOptions } from './createLedgerHandler';
export { createNodeListener } from './createNodeListener';
export { createSqliteStore } from './createSqliteStore';
export type { SqliteStore, SqliteStoreOptions } from './createSqliteStore';
export { createPostgresStore } from './createPostgresStore';
export type { PostgresStore, PostgresStoreOptions } from './createPostgresStore';
export { SCHEMA_VERSION } from './postgresMigrations';
export { copyLedger, CopyError } from './copyLedger';
export type { CopyResult } from './copyLedger';
export type { MigrationResult } from './postgresMigrations';
export { startLedgerServer } from './startLedgerServer';
export type { LedgerServer, LedgerServerOptions } from './startLedgerServer';
export { verifyLedger } from './verifyLedger';
export type { BrokenLink, VerifyResult } from './verifyLedger';
export { GENESIS_HASH, canonicalJson, chainHash, subjectHash, tombstoneHash } from './canonicalJson';
export type { RateLimitOptions } from './createRateLimiter';
export type { AppendOptions, AppendResult, EraseResult, LedgerEntry, LedgerFlag, LedgerRow, LedgerStore, MaybePromise, PageRequest, SubjectLimit, SubjectPage, Tombstone } from './types';
