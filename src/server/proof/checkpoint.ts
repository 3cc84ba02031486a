import { GENESIS_HASH, canonicalJson, sha256Hex } from '../canonicalJson';
import type { KeyObject } from 'node:crypto';
import { verifySignature, type LedgerKey } from './ledgerKey';
import { EMPTY_SET, divide, multiply, rowElement, setDigestFromHex, setDigestToHex } from './muHash';

/**
 * A signed statement of everything the ledger held at one instant. Kept
 * outside the database (exported), it is what a rewrite of the database
 * cannot match: the operator holds the database, not the archived checkpoints.
 */
export interface Checkpoint {
  v: 1;
  /** The ledger's random id, kept in its database: a different database has another. */
  ledger: string;
  /** 1 for the first checkpoint, then one more each time. */
  sequence: number;
  /** When it was signed (ledger clock, ISO). */
  at: string;
  /** checkpointHash of the previous checkpoint, GENESIS_HASH for the first: the log is a chain too. */
  previous: string;
  receipts: {
    /** The highest row seq covered: every row with a seq up to it is in `digest`, unless erased. */
    lastSeq: number;
    /** Rows held (not erased) with seq ≤ lastSeq. */
    held: number;
    /** Rows ever received with seq ≤ lastSeq: held plus erased. */
    received: number;
    /** MuHash3072 of the held rows' (seq, chain hash), 768 hex digits. */
    digest: string;
  };
  tombstones: {
    count: number;
    /** The tombstone chain's last hash, GENESIS_HASH for none. */
    head: string;
  };
  keyId: string;
  /** base64url Ed25519 over canonicalJson of the checkpoint without `signature`. */
  signature: string;
}

/** A row as a checkpoint sees it. */
export interface CheckpointRow {
  seq: number;
  hash: string;
}

/** The hash the next checkpoint's `previous` names. */
export function checkpointHash(checkpoint: Checkpoint): string {
  return sha256Hex('consentkit:checkpoint\n' + canonicalJson(checkpoint));
}

/** The receipts part of a checkpoint being computed: the previous one's, carried forward row by row. */
export interface CheckpointState {
  digest: bigint;
  lastSeq: number;
  held: number;
  received: number;
}

/** Where the next checkpoint starts from: the last one's receipts, or the empty ledger. */
export function stateAfter(previous: Checkpoint | null): CheckpointState {
  if (!previous) return { digest: EMPTY_SET, lastSeq: 0, held: 0, received: 0 };
  const { digest, lastSeq, held, received } = previous.receipts;
  return { digest: setDigestFromHex(digest), lastSeq, held, received };
}

/** Adds rows received since (seq above state.lastSeq), in any order; streamed, so a first checkpoint of a large ledger holds one row at a time. */
export function addRows(state: CheckpointState, rows: Iterable<CheckpointRow>): void {
  for (const row of rows) {
    state.digest = multiply(state.digest, rowElement(row.seq, row.hash));
    state.lastSeq = Math.max(state.lastSeq, row.seq);
    state.held++;
    state.received++;
  }
}

/** Removes erased rows; each must already be in the state (covered earlier, or added first). */
export function removeRows(state: CheckpointState, rows: Iterable<CheckpointRow>): void {
  let removed = EMPTY_SET;
  for (const row of rows) {
    removed = multiply(removed, rowElement(row.seq, row.hash));
    state.held--;
  }
  if (removed !== EMPTY_SET) state.digest = divide(state.digest, removed);
}

/** True when the state and tombstones say nothing the previous checkpoint did not. */
export function unchanged(previous: Checkpoint | null, state: CheckpointState, tombstones: { count: number }): boolean {
  return previous !== null && previous.receipts.received === state.received && previous.receipts.held === state.held && previous.tombstones.count === tombstones.count;
}

/** Signs the next checkpoint of the log. */
export function signCheckpoint(
  previous: Checkpoint | null,
  state: CheckpointState,
  tombstones: { count: number; head: string },
  context: { ledger: string; at: string; key: LedgerKey },
): Checkpoint {
  const unsigned: Omit<Checkpoint, 'signature'> = {
    v: 1,
    ledger: context.ledger,
    sequence: (previous?.sequence ?? 0) + 1,
    at: context.at,
    previous: previous ? checkpointHash(previous) : GENESIS_HASH,
    receipts: { lastSeq: state.lastSeq, held: state.held, received: state.received, digest: setDigestToHex(state.digest) },
    tombstones: { count: tombstones.count, head: tombstones.head },
    keyId: context.key.keyId,
  };
  return { ...unsigned, signature: context.key.sign(canonicalJson(unsigned)) };
}

/** Why this is not a checkpoint signed by the key, or null when it is. Never throws. */
export function checkpointProblem(value: unknown, publicKey: KeyObject, keyId: string): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a checkpoint object';
  const { signature, ...unsigned } = value as Record<string, unknown>;
  const cp = value as Partial<Checkpoint>;
  if (cp.v !== 1 || typeof cp.sequence !== 'number' || typeof cp.ledger !== 'string' || typeof cp.at !== 'string' || typeof cp.previous !== 'string') return 'not a checkpoint';
  if (typeof cp.receipts?.digest !== 'string' || typeof cp.receipts.lastSeq !== 'number' || typeof cp.tombstones?.count !== 'number') return 'not a checkpoint';
  if (cp.keyId !== keyId) return `signed with key ${String(cp.keyId)}, not ${keyId}`;
  if (typeof signature !== 'string' || !verifySignature(publicKey, canonicalJson(unsigned), signature)) return 'its signature is not valid';
  return null;
}
