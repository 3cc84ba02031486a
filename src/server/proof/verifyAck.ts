import type { KeyObject } from 'node:crypto';
import { chainHash, subjectHash } from '../canonicalJson';
import type { LedgerStore, ProofReader, Tombstone } from '../types';
import { ackProblem, type Ack } from './ack';

export type AckVerdict =
  | { status: 'present'; ack: Ack }
  | { status: 'erased'; ack: Ack; tombstone: Tombstone }
  | { status: 'invalid'; reason: string }
  | { status: 'missing' | 'changed'; ack: Ack; reason: string };

/**
 * What a visitor's acknowledgement says about the ledger: signed by its key,
 * and its receipt still there unchanged (same subject, chain hash and receive
 * time, and a hash that still recomputes), or gone with a tombstone for its
 * subject, or gone without one.
 */
export async function verifyAck(value: unknown, store: Pick<LedgerStore, 'tombstones'> & { proof: ProofReader }, publicKey: { keyId: string; key: KeyObject }): Promise<AckVerdict> {
  const problem = ackProblem(value, publicKey.key, publicKey.keyId);
  if (problem) return { status: 'invalid', reason: problem };
  const ack = value as Ack;
  const row = await store.proof.row(ack.receipt);
  if (!row) {
    const digest = subjectHash(ack.subject);
    for await (const tombstone of store.tombstones()) if (tombstone.subjectHash === digest) return { status: 'erased', ack, tombstone };
    return { status: 'missing', ack, reason: 'the ledger no longer holds this receipt, and no tombstone says its subject was erased' };
  }
  if (row.subject !== ack.subject || row.hash !== ack.hash || row.receivedAt !== ack.receivedAt) {
    return { status: 'changed', ack, reason: 'the stored row differs from the acknowledged one (subject, chain hash or receive time)' };
  }
  if (chainHash(row.prevHash, row) !== row.hash) return { status: 'changed', ack, reason: 'the stored receipt no longer matches its chain hash' };
  return { status: 'present', ack };
}
