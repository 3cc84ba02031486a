import type { AckedRow } from './proof/ack';
import type { Checkpoint } from './proof/checkpoint';
import type { LedgerKey } from './proof/ledgerKey';

/** A value now (SQLite) or later (a networked database such as Postgres). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Why a stored receipt deserves a second look. Flags are ledger metadata kept
 * beside the receipt (never inside its body) and covered by the row's hash.
 * - `clock-skew`: the receipt's timestamp was further from the ledger's clock
 *   than the handler allows; it was stored anyway, ordered by receive time.
 * - `previous-mismatch`: its `previous` was not the id of the subject's last
 *   stored receipt (a forged or reordered receipt, or one that overtook another).
 */
export type LedgerFlag = 'clock-skew' | 'previous-mismatch';

/** A validated receipt ready to append: its canonical JSON is what gets stored and hashed. */
export interface LedgerEntry {
  id: string;
  subject: string;
  /** Client decision time (ISO, UTC), as in the body: shown, never used for ordering. */
  timestamp: string;
  /** The receipt's `previous`; the store flags `previous-mismatch` when it is not the subject's last stored id. */
  previous: string | null;
  /** Canonical JSON of the whole receipt, extra fields included. */
  body: string;
  /** Flags decided before the store sees the entry (`clock-skew`); the store adds `previous-mismatch`. */
  flags: readonly LedgerFlag[];
}

/** One stored receipt: a link of its subject's hash chain. */
export interface LedgerRow {
  /** Receive order across the whole ledger: the order of a subject's receipts and of its decision. */
  seq: number;
  id: string;
  subject: string;
  timestamp: string;
  /** Server receive time (ISO, UTC), recorded beside the client's. */
  receivedAt: string;
  body: string;
  /** Sorted; empty for an unremarkable receipt. */
  flags: LedgerFlag[];
  /** Hash of this subject's previous row, or GENESIS_HASH for its first. */
  prevHash: string;
  /** SHA-256 of prevHash and this row's content (see chainHash). */
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

/** At most `limit` new receipts per subject within any `windowMs`, counted from the stored rows. */
export interface SubjectLimit {
  limit: number;
  windowMs: number;
}

export interface AppendOptions {
  /** Server receive time (ISO, UTC) given to every row of the batch. */
  receivedAt: string;
  /** Checked inside the write transaction, so concurrent posts cannot exceed it; absent: no cap. */
  subjectLimit?: SubjectLimit;
}

/**
 * A batch is stored whole or not at all: a batch touching an erased subject
 * or a subject over its limit stores nothing.
 */
export type AppendResult =
  | {
      status: 'stored';
      /** Ids stored by this call. */
      stored: string[];
      /** Ids already in the ledger (or repeated in the batch): nothing stored. */
      duplicates: string[];
      /** The stored row of every id in `stored` and `duplicates` (for duplicates, the row stored earlier): what acknowledgements are signed from. */
      rows?: AckedRow[];
    }
  | {
      status: 'erased';
      /** Ids of the batch whose subject has a tombstone; an erasure is never undone by a late retry. */
      erased: string[];
    }
  | {
      status: 'limited';
      /** When the subject over its limit may write again, in ms from receivedAt (at least 1). */
      retryAfterMs: number;
    };

export interface EraseResult {
  tombstone: Tombstone;
  /** True when the subject had already been erased by an earlier call. */
  already: boolean;
  /**
   * True when no byte of the erased rows is left anywhere the store keeps data
   * (SQLite: the file, its -wal and -shm). False while that is not yet so: the
   * store then finishes on its own, without waiting for further requests.
   */
  purged: boolean;
}

/** One page of a subject's rows, in receive order. */
export interface PageRequest {
  /** Only rows with a greater seq; null for the first page. */
  after: number | null;
  /** At most this many rows (the route caps it). */
  limit: number;
}

export interface SubjectPage {
  /** At most `limit` rows after `after`, by seq. */
  rows: LedgerRow[];
  /** The subject's last received row, whatever the page: its decision. Null when the subject has no rows. */
  latest: LedgerRow | null;
  /** True when rows after this page exist. */
  more: boolean;
}

/**
 * Where the ledger lives. Hashing is done by the shared helpers in
 * canonicalJson.ts; a store only has to append atomically (reading the
 * subject's last row and inserting in one write transaction) and read back.
 * Every method may answer now or with a promise.
 */
export interface LedgerStore {
  /** Appends a batch in one transaction, each new row chained onto its subject's last row. */
  append(entries: readonly LedgerEntry[], options: AppendOptions): MaybePromise<AppendResult>;
  /** One page of a subject's rows and its latest row; reads no more than the page (rows and latest). */
  read(subject: string, page: PageRequest): MaybePromise<SubjectPage>;
  /** Deletes a subject's rows and leaves a tombstone; null when the subject was never seen. */
  erase(subject: string, erasedAt: string): MaybePromise<EraseResult | null>;
  /** Every row, grouped by subject and by seq within each, for verifyLedger. */
  rows(): Iterable<LedgerRow> | AsyncIterable<LedgerRow>;
  /** Every tombstone in append order, for verifyLedger. */
  tombstones(): Iterable<Tombstone> | AsyncIterable<Tombstone>;
  /** Stops background work (a pending purge is finished first when it can be) and releases the database. */
  close(): MaybePromise<void>;
  /**
   * Signing key, notices and checkpoints. A store with it acknowledges receipts
   * and signs a checkpoint in the same transaction as every erasure. Absent:
   * no acknowledgements, no notices, no checkpoints.
   */
  readonly proof?: LedgerProof;
}

/** A notice as the ledger filed it. */
export interface ArchivedNotice {
  hash: string;
  /** Canonical JSON. */
  body: string;
  receivedAt: string;
}

/** What verify and export read of a ledger's proof (from a store, or a read-only snapshot of it). */
export interface ProofReader {
  /** The ledger's random id (its `ledger_meta`), or null when it has none yet. */
  ledgerId(): MaybePromise<string | null>;
  /** The canonical JSON of an archived notice, or null. */
  notice(hash: string): MaybePromise<string | null>;
  /** Checkpoints with a sequence above `since`, ascending, at most `limit` of them (all when absent). */
  checkpoints(since: number, limit?: number): MaybePromise<Checkpoint[]>;
  /** One stored row by receipt id, or null. */
  row(id: string): MaybePromise<LedgerRow | null>;
  /** Every archived notice, by hash (for copy). */
  notices(): Iterable<ArchivedNotice> | AsyncIterable<ArchivedNotice>;
  /** Rows received in [from, to) (ISO strings), of one subject or all, in seq order. */
  receivedBetween(from: string, to: string, subject: string | null): Iterable<LedgerRow> | AsyncIterable<LedgerRow>;
}

/** The proof a store keeps beside its receipts: the signing key, archived notices and the checkpoint log. */
export interface LedgerProof extends ProofReader {
  readonly key: LedgerKey;
  /** Files a notice under its hash; true when it was new. */
  putNotice(hash: string, canonical: string, receivedAt: string): MaybePromise<boolean>;
  /** Which of these notice hashes the ledger does not hold. */
  missingNotices(hashes: readonly string[]): MaybePromise<string[]>;
  /** Signs and appends a checkpoint when anything changed since the last one; null when nothing did. */
  checkpoint(at: string): MaybePromise<Checkpoint | null>;
}
