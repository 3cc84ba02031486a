import { GENESIS_HASH, chainHash, tombstoneHash } from './canonicalJson';
import type { LedgerStore } from './types';

/** Where a chain breaks: the row whose stored hashes do not match what it and its predecessor say. */
export interface BrokenLink {
  table: 'receipts' | 'tombstones';
  seq: number;
  /** Receipt id (receipts only). */
  id?: string;
  reason: string;
}

export type VerifyResult =
  | { ok: true; receipts: number; subjects: number; tombstones: number }
  | { ok: false; receipts: number; subjects: number; tombstones: number; broken: BrokenLink };

/**
 * Recomputes every hash chain (one per subject, one across tombstones) and
 * reports the first broken link in append order. What it cannot see: the
 * newest rows of a chain removed by someone who also rewrote nothing after
 * them; publish or archive the chain heads elsewhere to catch that too.
 */
export async function verifyLedger(store: LedgerStore): Promise<VerifyResult> {
  let receipts = 0;
  let subjects = 0;
  let tombstones = 0;
  let broken: BrokenLink | undefined;
  const report = (link: BrokenLink) => {
    if (!broken || (link.table === 'receipts' && broken.table === 'tombstones') || (link.table === broken.table && link.seq < broken.seq)) broken = link;
  };

  // Rows come grouped by subject, so only the current chain's head is held in memory.
  let subject: string | undefined;
  let head = GENESIS_HASH;
  for await (const row of store.rows()) {
    receipts++;
    if (row.subject !== subject) {
      subject = row.subject;
      head = GENESIS_HASH;
      subjects++;
    }
    const reason = rowProblem(row, head);
    if (reason) report({ table: 'receipts', seq: row.seq, id: row.id, reason });
    head = row.hash;
  }

  head = GENESIS_HASH;
  for await (const tombstone of store.tombstones()) {
    tombstones++;
    if (tombstone.prevHash !== head) report({ table: 'tombstones', seq: tombstone.seq, reason: 'does not follow the previous tombstone' });
    else if (tombstoneHash(tombstone.prevHash, tombstone) !== tombstone.hash) report({ table: 'tombstones', seq: tombstone.seq, reason: 'content does not match its hash' });
    head = tombstone.hash;
  }

  const counts = { receipts, subjects, tombstones };
  return broken ? { ok: false, ...counts, broken } : { ok: true, ...counts };
}

function rowProblem(row: { id: string; subject: string; body: string; receivedAt: string; prevHash: string; hash: string }, head: string): string | null {
  if (row.prevHash !== head) return "does not follow its subject's previous receipt";
  if (chainHash(row.prevHash, row) !== row.hash) return 'content does not match its hash';
  try {
    const receipt = JSON.parse(row.body) as { id?: unknown; subject?: unknown };
    if (receipt.id !== row.id || receipt.subject !== row.subject) return 'id or subject columns differ from the receipt';
  } catch {
    return 'stored receipt is not JSON';
  }
  return null;
}
