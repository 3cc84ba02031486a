import type { LedgerStore } from './types';

/** What a route needs from the handler's resolved options. */
export interface RouteContext {
  store: LedgerStore;
  now: () => number;
  maxBodyBytes: number;
  maxBatch: number;
  maxClockSkewMs: number;
}
