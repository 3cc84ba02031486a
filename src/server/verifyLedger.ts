import { GENESIS_HASH, chainHash, tombstoneHash } from './canonicalJson';
import type { LedgerFlag, LedgerRow, LedgerStore, Tombstone } from './types';

/** Where a chain breaks: the row whose stored hashes do not match what it and its predecessor say. */
export interface BrokenLink {
  table: 'receipts' | 'tombstones';
  seq: number;
  /** Receipt id (receipts only). */
  id?: string;
  reason: string;
}

/** A receipt stored with flags: a warning, not a broken ledger. */
export interface FlaggedRow {
  seq: number;
  id: string;
  flags: LedgerFlag[];
}

interface VerifyCounts {
  receipts: number;
  subjects: number;
  tombstones: number;
  /** How many receipts carry flags, by flag. */
  flagged: Record<LedgerFlag, number>;
  /** The first flagged receipts in the order read, at most MAX_FLAGGED_LISTED. */
  flaggedRows: FlaggedRow[];
}

/**
 * `intact`: every chain recomputes (flagged receipts are warnings only).
 * `tampered`: a row was edited, removed from a chain's middle, or its columns
 * disagree with its receipt. `unverifiable`: the store could not be read as a
 * ledger at all (tables missing, not a ledger, corrupt): never reported as OK.
 */
export type VerifyResult =
  | ({ ok: true; status: 'intact' } & VerifyCounts)
  | ({ ok: false; status: 'tampered'; broken: BrokenLink } & VerifyCounts)
  | ({ ok: false; status: 'unverifiable'; problem: string } & VerifyCounts);

export const MAX_FLAGGED_LISTED = 100;

/**
 * Recomputes every hash chain (one per subject, one across tombstones) and
 * reports the first broken link in append order. What it cannot see: the
 * newest rows of a chain removed by someone who also rewrote nothing after
 * them; publish or archive the chain heads elsewhere to catch that too.
 * Reads only: pass a store opened for reading (openSqliteLedgerSnapshot).
 */
export interface VerifyObservers {
  /** Sees every row as it is read (one pass: the checkpoint check rides on it). */
  row?(row: LedgerRow): void;
  tombstone?(tombstone: Tombstone): void;
}

export async function verifyLedger(store: Pick<LedgerStore, 'rows' | 'tombstones'>, observe: VerifyObservers = {}): Promise<VerifyResult> {
  const counts: VerifyCounts = { receipts: 0, subjects: 0, tombstones: 0, flagged: { 'clock-skew': 0, 'previous-mismatch': 0 }, flaggedRows: [] };
  let broken: BrokenLink | undefined;
  const report = (link: BrokenLink) => {
    if (!broken || (link.table === 'receipts' && broken.table === 'tombstones') || (link.table === broken.table && link.seq < broken.seq)) broken = link;
  };

  try {
    // Rows come grouped by subject, so only the current chain's head is held in memory.
    let subject: string | undefined;
    let head = GENESIS_HASH;
    for await (const row of store.rows()) {
      counts.receipts++;
      observe.row?.(row);
      if (row.subject !== subject) {
        subject = row.subject;
        head = GENESIS_HASH;
        counts.subjects++;
      }
      const reason = rowProblem(row, head);
      if (reason) report({ table: 'receipts', seq: row.seq, id: row.id, reason });
      if (row.flags.length) noteFlags(counts, row);
      head = row.hash;
    }

    head = GENESIS_HASH;
    for await (const tombstone of store.tombstones()) {
      counts.tombstones++;
      observe.tombstone?.(tombstone);
      if (tombstone.prevHash !== head) report({ table: 'tombstones', seq: tombstone.seq, reason: 'does not follow the previous tombstone' });
      else if (tombstoneHash(tombstone.prevHash, tombstone) !== tombstone.hash) report({ table: 'tombstones', seq: tombstone.seq, reason: 'content does not match its hash' });
      head = tombstone.hash;
    }
  } catch (error) {
    return { ok: false, status: 'unverifiable', problem: error instanceof Error ? error.message : String(error), ...counts };
  }
  return broken ? { ok: false, status: 'tampered', broken, ...counts } : { ok: true, status: 'intact', ...counts };
}

function noteFlags(counts: VerifyCounts, row: LedgerRow): void {
  for (const flag of row.flags) if (flag in counts.flagged) counts.flagged[flag]++;
  if (counts.flaggedRows.length < MAX_FLAGGED_LISTED) counts.flaggedRows.push({ seq: row.seq, id: row.id, flags: row.flags });
}

/** Every column read back is checked: the hash covers body, receive time and flags; id, subject and timestamp must repeat the body. */
function rowProblem(row: LedgerRow, head: string): string | null {
  if (row.prevHash !== head) return "does not follow its subject's previous receipt";
  if (chainHash(row.prevHash, row) !== row.hash) return 'content does not match its hash';
  let receipt: { id?: unknown; subject?: unknown; timestamp?: unknown };
  try {
    receipt = JSON.parse(row.body) as typeof receipt;
  } catch {
    return 'stored receipt is not JSON';
  }
  if (receipt.id !== row.id || receipt.subject !== row.subject) return 'id or subject columns differ from the receipt';
  if (receipt.timestamp !== row.timestamp) return 'timestamp column differs from the receipt';
  return null;
}
