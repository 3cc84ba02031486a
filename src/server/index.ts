// consentkit/server: the self-hosted consent ledger (Node only; never bundled for the browser).
export { createLedgerHandler } from './createLedgerHandler';
export type { ClientInfo, LedgerHandler, LedgerHandlerOptions } from './createLedgerHandler';
export { createNodeListener } from './createNodeListener';
export type { NodeListenerOptions } from './createNodeListener';
export type { TrustProxy } from './createClientAddress';
export type { ConsentCookieOptions } from './createCookieRefresh';
export { LedgerStartError } from './LedgerStartError';
export { createSqliteStore } from './createSqliteStore';
export type { SqliteStore, SqliteStoreOptions } from './createSqliteStore';
export { startLedgerServer } from './startLedgerServer';
export type { LedgerServer, LedgerServerOptions } from './startLedgerServer';
export { verifyLedger } from './verifyLedger';
export type { BrokenLink, VerifyResult } from './verifyLedger';
export { GENESIS_HASH, canonicalJson, chainHash, subjectHash, tombstoneHash } from './canonicalJson';
export type { RateLimitOptions } from './createRateLimiter';
export type { AppendResult, EraseResult, LedgerEntry, LedgerRow, LedgerStore, MaybePromise, Tombstone } from './types';
