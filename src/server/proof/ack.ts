import type { Acknowledgement } from '../../core/acknowledgement';
import { canonicalJson } from '../canonicalJson';
import type { LedgerRow } from '../types';
import { verifySignature, type LedgerKey } from './ledgerKey';
import type { KeyObject } from 'node:crypto';

/**
 * The ledger's signed word that it holds a receipt: a visitor keeps it as proof
 * even if the row later disappears. One shape for both ends, defined beside the
 * receipt the SDK keeps it with; `hash` is the stored row's chain hash, which
 * covers the receipt's body, receive time and flags.
 */
export type Ack = Acknowledgement;

/** The columns an acknowledgement is made from. */
export type AckedRow = Pick<LedgerRow, 'id' | 'subject' | 'hash' | 'receivedAt'>;

/**
 * Signs at read time from the stored columns: Ed25519 is deterministic, so an
 * ack made now equals the one made when the receipt was stored, as long as the
 * key is the same.
 */
export function ackFor(row: AckedRow, key: LedgerKey): Ack {
  const unsigned = { v: 1 as const, receipt: row.id, subject: row.subject, hash: row.hash, receivedAt: row.receivedAt, keyId: key.keyId };
  return { ...unsigned, signature: key.sign(canonicalJson(unsigned)) };
}

/** Why an ack is not a valid signature by this key, or null when it is. Never throws on bad input. */
export function ackProblem(value: unknown, publicKey: KeyObject, keyId: string): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an acknowledgement object';
  const { signature, ...unsigned } = value as Record<string, unknown>;
  if (unsigned.v !== 1) return 'unknown acknowledgement version';
  for (const field of ['receipt', 'subject', 'hash', 'receivedAt', 'keyId'] as const) {
    if (typeof unsigned[field] !== 'string') return `its ${field} is missing`;
  }
  if (Object.keys(unsigned).length !== 6) return 'it has fields an acknowledgement does not have';
  if (unsigned.keyId !== keyId) return `it was signed with key ${String(unsigned.keyId)}, not ${keyId}`;
  if (typeof signature !== 'string' || !verifySignature(publicKey, canonicalJson(unsigned), signature)) return 'its signature is not valid';
  return null;
}
