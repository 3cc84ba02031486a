import type { LedgerStore, SubjectLimit } from './types';

/** What a route needs from the handler's resolved options. */
export interface RouteContext {
  store: LedgerStore;
  now: () => number;
  maxBodyBytes: number;
  maxBatch: number;
  /** Receipts dated further ahead are stored flagged `clock-skew`. */
  maxClockSkewMs: number;
  /** Receipts dated further behind are stored flagged `clock-skew`. */
  maxClockLagMs: number;
  /** New receipts per subject per window; null: no cap. */
  subjectLimit: SubjectLimit | null;
}
