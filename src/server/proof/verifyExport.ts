import type { KeyObject } from 'node:crypto';
import { canonicalJson, chainHash } from '../canonicalJson';
import { ackProblem, type Ack } from './ack';
import { checkpointProblem, type Checkpoint } from './checkpoint';
import { NOTICE_HASH_PATTERN, noticeHash } from './notice';

export interface ExportVerification {
  ok: boolean;
  receipts: number;
  notices: number;
  /** The first problem that makes the file untrustworthy, with its line number. */
  problem?: string;
  /** Worth saying, not a failure: a notice the ledger never received, receipts after the checkpoint. */
  warnings: string[];
  checkpoint: Checkpoint | null;
}

interface ReceiptLine {
  seq: number;
  receipt: { id: string; subject: string; shownHash?: unknown };
  receivedAt: string;
  flags: string[];
  prevHash: string;
  hash: string;
  ack: Ack;
}

/**
 * Checks an audit export with nothing but the ledger's public key, offline:
 * every receipt's chain hash recomputes from its content, links to the one
 * before it of the same subject in the file, and carries a valid ack of that
 * very row; every notice hashes to its name; the checkpoint is signed and
 * covers the receipts. Bad lines are reported, never thrown.
 */
export function verifyExport(text: string, publicKey: { keyId: string; key: KeyObject }): ExportVerification {
  const result: ExportVerification = { ok: false, receipts: 0, notices: 0, warnings: [], checkpoint: null };
  const fail = (line: number, problem: string) => ({ ...result, ok: false, problem: `line ${line}: ${problem}` });
  const heads = new Map<string, string>();
  const named = new Set<string>();
  const filed = new Set<string>();
  type Header = { ledger?: unknown; key?: { keyId?: unknown } };
  let header: Header | null = null;
  let lastSeq = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return fail(i + 1, 'not JSON');
    }
    if (i === 0) {
      if (entry.type !== 'header' || entry.v !== 1) return fail(1, 'not a consentkit audit export');
      const found = entry as Header;
      header = found;
      if (found.key?.keyId !== publicKey.keyId) return fail(1, `exported with key ${String(found.key?.keyId)}, not the key given (${publicKey.keyId})`);
      continue;
    }
    if (entry.type === 'receipt') {
      const r = entry as unknown as ReceiptLine;
      if (typeof r.receipt !== 'object' || r.receipt === null || !Array.isArray(r.flags)) return fail(i + 1, 'a receipt line without its receipt');
      const body = canonicalJson(r.receipt);
      if (chainHash(r.prevHash, { body, receivedAt: r.receivedAt, flags: r.flags }) !== r.hash) return fail(i + 1, `receipt ${r.receipt.id}: its content does not match its chain hash`);
      const previous = heads.get(r.receipt.subject);
      if (previous !== undefined && previous !== r.prevHash) return fail(i + 1, `receipt ${r.receipt.id}: does not follow the previous receipt of its subject in this file`);
      heads.set(r.receipt.subject, r.hash);
      const problem = ackProblem(r.ack, publicKey.key, publicKey.keyId);
      if (problem) return fail(i + 1, `receipt ${r.receipt.id}: acknowledgement: ${problem}`);
      if (r.ack.receipt !== r.receipt.id || r.ack.subject !== r.receipt.subject || r.ack.hash !== r.hash || r.ack.receivedAt !== r.receivedAt) {
        return fail(i + 1, `receipt ${r.receipt.id}: its acknowledgement is for another row`);
      }
      if (typeof r.receipt.shownHash === 'string' && NOTICE_HASH_PATTERN.test(r.receipt.shownHash)) named.add(r.receipt.shownHash);
      lastSeq = Math.max(lastSeq, r.seq);
      result.receipts++;
    } else if (entry.type === 'notice') {
      if (typeof entry.hash !== 'string' || noticeHash(canonicalJson(entry.notice)) !== entry.hash) return fail(i + 1, `notice ${String(entry.hash)}: its text does not match its hash`);
      filed.add(entry.hash);
      result.notices++;
    } else if (entry.type === 'checkpoint') {
      const problem = checkpointProblem(entry.checkpoint, publicKey.key, publicKey.keyId);
      if (problem) return fail(i + 1, `checkpoint: ${problem}`);
      result.checkpoint = entry.checkpoint as Checkpoint;
      if (result.checkpoint.ledger !== (header as Header | null)?.ledger) return fail(i + 1, 'the checkpoint is of another ledger');
    } else return fail(i + 1, `unknown line type ${String(entry.type)}`);
  }
  if (!header) return fail(1, 'empty file');
  for (const hash of named) if (!filed.has(hash)) result.warnings.push(`notice ${hash} is named by a receipt but the ledger never received its text`);
  if (!result.checkpoint) result.warnings.push('no checkpoint: the ledger had signed none when this was exported');
  else if (result.checkpoint.receipts.lastSeq < lastSeq) result.warnings.push(`receipts after row ${result.checkpoint.receipts.lastSeq} are newer than the checkpoint: their acks vouch for them`);
  return { ...result, ok: true };
}
