// consentkit/server: the self-hosted consent ledger (Node only; never bundled for the browser).
export { createLedgerHandler } from './createLedgerHandler';
export type { ClientInfo, LedgerHandler, LedgerHandlerOptions } from './createLedgerHandler';
export { createNodeListener } from './createNodeListener';
export { createSqliteStore } from './createSqliteStore';
export type { SqliteStore, SqliteStoreOptions } from './createSqliteStore';
export { startLedgerServer } from './startLedgerServer';
export type { LedgerServer, LedgerServerOptions } from './startLedgerServer';
export { verifyLedger } from './verifyLedger';
export type { BrokenLink, FlaggedRow, VerifyResult } from './verifyLedger';
export { GENESIS_HASH, canonicalJson, chainHash, subjectHash, tombstoneHash } from './canonicalJson';
export { subjectLimitWait } from './subjectLimitWait';
export type { RateLimitOptions } from './createRateLimiter';
export type { AppendOptions, AppendResult, EraseResult, LedgerEntry, LedgerFlag, LedgerRow, LedgerStore, MaybePromise, PageRequest, SubjectLimit, SubjectPage, Tombstone } from './types';
export { LedgerUnreadableError, openSqliteLedgerSnapshot } from './openSqliteLedgerSnapshot';
export type { SqliteLedgerSnapshot } from './openSqliteLedgerSnapshot';
