import { canonicalJson } from '../canonicalJson';
import type { ProofReader } from '../types';
import { ackFor } from './ack';
import type { Checkpoint } from './checkpoint';
import type { LedgerKey } from './ledgerKey';
import { NOTICE_HASH_PATTERN } from './notice';

export interface ExportRange {
  /** ISO time, inclusive. */
  from: string;
  /** ISO time, exclusive. */
  to: string;
  /** One subject's receipts only. @default null (all) */
  subject?: string | null;
}

export interface ExportSummary {
  receipts: number;
  notices: number;
  /** The checkpoint written, or null when the ledger has none yet. */
  checkpoint: Checkpoint | null;
  /** Receipts received after that checkpoint: signed by their acks, not yet by a checkpoint. */
  uncovered: number;
}

/**
 * An audit file, one JSON object a line: a header with the public key, each
 * receipt with its row (receive time, flags, chain hashes) and its
 * acknowledgement, each notice those receipts name, and the checkpoint that
 * covers them (the first whose lastSeq reaches the last exported row, else
 * the newest). `verifyExport` checks it with the public key alone.
 */
export async function exportAudit(reader: ProofReader, key: LedgerKey, range: ExportRange, write: (line: string) => void | Promise<void>, now: () => number = Date.now): Promise<ExportSummary> {
  const subject = range.subject ?? null;
  await write(canonicalJson({ type: 'header', v: 1, ledger: await reader.ledgerId(), from: range.from, to: range.to, subject, exportedAt: new Date(now()).toISOString(), key: key.toPublic() }));
  const notices = new Set<string>();
  let receipts = 0;
  let lastSeq = 0;
  for await (const row of reader.receivedBetween(range.from, range.to, subject)) {
    const receipt = JSON.parse(row.body) as { shownHash?: unknown };
    if (typeof receipt.shownHash === 'string' && NOTICE_HASH_PATTERN.test(receipt.shownHash)) notices.add(receipt.shownHash);
    await write(
      canonicalJson({ type: 'receipt', seq: row.seq, receipt, receivedAt: row.receivedAt, flags: row.flags, prevHash: row.prevHash, hash: row.hash, ack: ackFor(row, key) }),
    );
    receipts++;
    lastSeq = Math.max(lastSeq, row.seq);
  }
  let noticeCount = 0;
  for (const hash of [...notices].sort()) {
    const body = await reader.notice(hash);
    if (body === null) continue;
    await write(canonicalJson({ type: 'notice', hash, notice: JSON.parse(body) as unknown }));
    noticeCount++;
  }
  const all = await reader.checkpoints(0);
  const checkpoint = all.find((cp) => cp.receipts.lastSeq >= lastSeq) ?? all[all.length - 1] ?? null;
  if (checkpoint) await write(canonicalJson({ type: 'checkpoint', checkpoint }));
  const uncovered = checkpoint && checkpoint.receipts.lastSeq >= lastSeq ? 0 : receipts;
  return { receipts, notices: noticeCount, checkpoint, uncovered };
}
