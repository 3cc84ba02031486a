import { createHash } from 'node:crypto';
import type { LedgerRow, Tombstone } from './types';

/** The previous hash of every chain's first link. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted (UTF-16 code-unit order) and no white space: the
 * same value always gives the same text, so its hash can be recomputed later.
 * For the JSON values accepted here this matches RFC 8785 (JCS).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return '{' + keys.map((key) => JSON.stringify(key) + ':' + canonicalJson(record[key])).join(',') + '}';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A row's hash: its previous link, then its content: the receipt, the server's
 * receive time and the row's flags. Flags enter only when there are some, so
 * rows stored before flags existed keep their hash.
 */
export function chainHash(prevHash: string, row: Pick<LedgerRow, 'body' | 'receivedAt'> & { flags?: readonly string[] }): string {
  const flags = row.flags?.length ? '"flags":' + JSON.stringify(row.flags) + ',' : '';
  return sha256Hex(prevHash + '\n' + '{' + flags + '"receipt":' + row.body + ',"receivedAt":' + JSON.stringify(row.receivedAt) + '}');
}

/** A tombstone's hash, chained across all tombstones so an erasure record cannot be dropped or altered unnoticed. */
export function tombstoneHash(prevHash: string, t: Omit<Tombstone, 'seq' | 'prevHash' | 'hash'>): string {
  const { subjectHash, receipts, firstReceivedAt, lastReceivedAt, erasedAt } = t;
  return sha256Hex(prevHash + '\n' + canonicalJson({ subjectHash, receipts, firstReceivedAt, lastReceivedAt, erasedAt }));
}

/**
 * The subject id as kept in a tombstone. Subject ids are 126-bit random
 * values, so the digest cannot be reversed or guessed; only someone who still
 * holds the id (the visitor, or a regulator they give it to) can find the
 * tombstone. The prefix keeps it from matching any other use of SHA-256.
 */
export function subjectHash(subject: string): string {
  return sha256Hex('consentkit:erased-subject:' + subject);
}
