import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../canonicalJson';
import type { LedgerStore, ProofReader } from '../types';
import { verifyLedger, type VerifyResult } from '../verifyLedger';
import { checkpointHash, checkpointProblem, type Checkpoint } from './checkpoint';
import { EMPTY_SET, multiply, rowElement, setDigestToHex } from './muHash';

/**
 * A row stored after a checkpoint but received this long before it was
 * signed is reported as added afterwards. PostgreSQL stamps a row's receive
 * time before its transaction waits for locks, so a row can honestly commit
 * just after a checkpoint signed a little later than its receive time.
 */
export const BACKDATE_SLACK_MS = 5 * 60_000;

/** The trust anchor: checkpoints kept outside the database, and the public key that signed them. */
export interface ArchivedCheckpoints {
  keyId: string;
  publicKey: KeyObject;
  checkpoints: unknown[];
}

export type CheckpointVerdict =
  | { status: 'intact'; reference: Checkpoint; archived: number; newer: number; uncovered: number }
  | { status: 'tampered'; reason: string; reference?: Checkpoint }
  | { status: 'unverifiable'; problem: string };

export interface CheckpointVerification {
  ledger: VerifyResult;
  checkpoints: CheckpointVerdict;
}

/** Checks that the archived checkpoints form one signed chain of one ledger. */
function archiveProblem(archive: ArchivedCheckpoints): string | null {
  if (!archive.checkpoints.length) return 'the checkpoint file holds no checkpoint';
  let previous: Checkpoint | null = null;
  for (const value of archive.checkpoints) {
    const problem = checkpointProblem(value, archive.publicKey, archive.keyId);
    const cp = value as Checkpoint;
    if (problem) return `archived checkpoint ${String(cp?.sequence)}: ${problem}`;
    if (previous && (cp.sequence !== previous.sequence + 1 || cp.previous !== checkpointHash(previous) || cp.ledger !== previous.ledger)) {
      return `archived checkpoint ${cp.sequence} does not follow checkpoint ${previous.sequence}`;
    }
    previous = cp;
  }
  return null;
}

/**
 * Verifies the ledger's chains and, in the same pass, that the database still
 * holds exactly what the newest trustworthy checkpoint committed to: the
 * archived ones first, then any newer ones the database holds that the same
 * key signed and that continue the archived chain.
 */
export async function verifyWithCheckpoints(store: Pick<LedgerStore, 'rows' | 'tombstones'> & { proof: ProofReader }, archive: ArchivedCheckpoints): Promise<CheckpointVerification> {
  const problem = archiveProblem(archive);
  if (problem) return { ledger: await verifyLedger(store), checkpoints: { status: 'unverifiable', problem } };
  const archived = archive.checkpoints as Checkpoint[];
  const first = archived[0]!;
  const last = archived[archived.length - 1]!;

  const tampered = async (reason: string): Promise<CheckpointVerification> => ({ ledger: await verifyLedger(store), checkpoints: { status: 'tampered', reason } });
  const ledgerId = await store.proof.ledgerId();
  if (ledgerId !== first.ledger) {
    return tampered(`this database is ledger ${ledgerId ?? '(none)'}, not ledger ${first.ledger} the checkpoints were signed for: a swapped or rebuilt database`);
  }
  const held = await store.proof.checkpoints(first.sequence - 1);
  for (const cp of archived) {
    const same = held[cp.sequence - first.sequence];
    if (!same) return tampered(`archived checkpoint ${cp.sequence} is missing from the database's checkpoint log: an older copy, or the log was cut`);
    if (canonicalJson(same) !== canonicalJson(cp)) return tampered(`checkpoint ${cp.sequence} in the database differs from the archived one: the log was rewritten`);
  }
  let reference = last;
  let newer = 0;
  for (const cp of held.slice(archived.length)) {
    const signed = checkpointProblem(cp, archive.publicKey, archive.keyId);
    if (signed) return tampered(`checkpoint ${cp.sequence} in the database: ${signed}`);
    if (cp.sequence !== reference.sequence + 1 || cp.previous !== checkpointHash(reference)) return tampered(`checkpoint ${cp.sequence} in the database does not follow checkpoint ${reference.sequence}`);
    reference = cp;
    newer++;
  }

  // One pass over rows and tombstones, beside the chain check.
  const { lastSeq } = reference.receipts;
  const backdatedBefore = new Date(Date.parse(reference.at) - BACKDATE_SLACK_MS).toISOString();
  let digest = EMPTY_SET;
  let rows = 0;
  let uncovered = 0;
  let backdated: { seq: number; receivedAt: string } | undefined;
  let tombstones = 0;
  let headAtReference: string | undefined;
  const ledger = await verifyLedger(store, {
    row(row) {
      if (row.seq <= lastSeq) {
        digest = multiply(digest, rowElement(row.seq, row.hash));
        rows++;
      } else if (row.receivedAt < backdatedBefore) {
        if (!backdated || row.seq < backdated.seq) backdated = { seq: row.seq, receivedAt: row.receivedAt };
      } else uncovered++;
    },
    tombstone(tombstone) {
      tombstones++;
      if (tombstones === reference.tombstones.count) headAtReference = tombstone.hash;
    },
  });
  if (ledger.status === 'unverifiable') return { ledger, checkpoints: { status: 'unverifiable', problem: ledger.problem } };
  const verdict = (reason: string): CheckpointVerification => ({ ledger, checkpoints: { status: 'tampered', reason, reference } });
  const at = `checkpoint ${reference.sequence} (${reference.at})`;
  if (backdated) return verdict(`receipts row ${backdated.seq} says it was received at ${backdated.receivedAt}, before ${at}, yet the checkpoint does not hold it: added afterwards`);
  if (rows !== reference.receipts.held) {
    return verdict(`${at} holds ${reference.receipts.held} receipts up to row ${lastSeq}; the database has ${rows}: receipts ${rows < reference.receipts.held ? 'removed' : 'added'} outside the ledger`);
  }
  if (setDigestToHex(digest) !== reference.receipts.digest) return verdict(`the receipts up to row ${lastSeq} are not the ones ${at} signed: rows edited or replaced, hashes recomputed`);
  if (tombstones < reference.tombstones.count) return verdict(`${at} holds ${reference.tombstones.count} tombstones; the database has ${tombstones}: tombstones removed`);
  const head = reference.tombstones.count === 0 ? reference.tombstones.head : headAtReference;
  if (head !== reference.tombstones.head) return verdict(`the tombstones up to the ${reference.tombstones.count}th are not the ones ${at} signed`);
  if (tombstones > reference.tombstones.count) {
    return verdict(`${tombstones - reference.tombstones.count} tombstone(s) after ${at}: every erasure signs a checkpoint in its own commit, so these were made outside the ledger, or their checkpoint was removed`);
  }
  return { ledger, checkpoints: { status: 'intact', reference, archived: archived.length, newer, uncovered } };
}
