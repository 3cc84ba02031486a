/** A value now (SQLite) or later (a networked database such as Postgres). */
export type MaybePromise<T> = T | Promise<T>;

/** A validated receipt ready to append: its canonical JSON is what gets stored and hashed. */
export interface LedgerEntry {
  id: string;
  subject: string;
  /** Client decision time (ISO, UTC), used to order a subject's receipts. */
  timestamp: string;
  /** Canonical JSON of the whole receipt, extra fields included. */
  body: string;
}

/** One stored receipt: a link of its subject's hash chain. */
export interface LedgerRow {
  /** Append order across the whole ledger. */
  seq: number;
  id: string;
  subject: string;
  timestamp: string;
  /** Server receive time (ISO, UTC), recorded beside the client's. */
  receivedAt: string;
  body: string;
  /** Hash of this subject's previous row, or GENESIS_HASH for its first. */
  prevHash: string;
  /** SHA-256 of prevHash and this row's canonical content (see chainHash). */
  hash: string;
}

/** What remains of an erased subject: nothing personal, yet provable (chained across tombstones). */
export interface Tombstone {
  seq: number;
  /** SHA-256 of the domain-separated subject id; the id itself is not kept. */
  subjectHash: string;
  /** How many receipts were erased. */
  receipts: number;
  firstReceivedAt: string;
  lastReceivedAt: string;
  erasedAt: string;
  prevHash: string;
  hash: string;
}

export interface AppendResult {
  /** Ids stored by this call. */
  stored: string[];
  /** Ids already in the ledger (or repeated in the batch): nothing stored. */
  duplicates: string[];
  /** Ids whose subject was erased: not stored, so an erasure cannot be undone by a late retry. */
  erased: string[];
}

export interface EraseResult {
  tombstone: Tombstone;
  /** True when the subject had already been erased by an earlier call. */
  already: boolean;
}

/**
 * Where the ledger lives. Hashing is done by the shared helpers in
 * canonicalJson.ts; a store only has to append atomically (reading the
 * subject's last hash and inserting in one write transaction) and read back.
 */
export interface LedgerStore {
  /** Appends new receipts in one transaction, each chained onto its subject's last row. */
  append(entries: readonly LedgerEntry[], receivedAt: string): MaybePromise<AppendResult>;
  /** A subject's rows in append order (empty when unknown or erased). */
  read(subject: string): MaybePromise<LedgerRow[]>;
  /** Deletes a subject's rows and leaves a tombstone; null when the subject was never seen. */
  erase(subject: string, erasedAt: string): MaybePromise<EraseResult | null>;
  /** Every row, grouped by subject and in append order within each, for verifyLedger. */
  rows(): Iterable<LedgerRow> | AsyncIterable<LedgerRow>;
  /** Every tombstone in append order, for verifyLedger. */
  tombstones(): Iterable<Tombstone> | AsyncIterable<Tombstone>;
  close(): MaybePromise<void>;
}
