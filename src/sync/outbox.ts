import type { Receipt } from '../core/receipt';
import type { Answer } from './readAnswer';
import { SLOW_BACKOFF, type Backoff } from './retryDelay';

/** Receipts per request: well under the 64 KB that keepalive and beacons may carry. */
export const BATCH_SIZE = 20;

/** A receipt still undelivered this long after it was queued is dropped: 30 days. */
export const MAX_WAIT_MS = 30 * 86_400_000;

/**
 * Whether a receipt has waited too long. A receipt is queued the moment it
 * is recorded, so its `timestamp` is when it was queued; one that does not
 * parse never expires (it is proof, and the ledger decides).
 */
export function hasExpired(receipt: Receipt, now: number): boolean {
  const queued = Date.parse(receipt.timestamp);
  return !Number.isNaN(queued) && now - queued >= MAX_WAIT_MS;
}

/** What to do with a batch after the ledger's answer. */
export interface Step {
  /** Ids that leave the outbox. */
  remove: string[];
  /** Of those, the ones the ledger stored. */
  delivered: string[];
  /** Of those, the ones refused for good. */
  refused: string[];
  /** Of those, the ones that belong to an erased subject. */
  erased: string[];
  /** Send the batch again one receipt at a time, so that one bad receipt does not take the others down. */
  oneByOne: boolean;
  /** Stop, and try again after a wait on this backoff; null: go on with the next batch. */
  retry: Backoff | null;
}

const step = (fields: Partial<Step>): Step => ({ remove: [], delivered: [], refused: [], erased: [], oneByOne: false, retry: null, ...fields });

/** Decides what a batch's answer does to the outbox. Pure: no I/O, no clock. */
export function planStep(batch: Receipt[], answer: Answer): Step {
  const ids = batch.map((r) => r.id);
  switch (answer.kind) {
    case 'delivered':
      return step({ remove: ids, delivered: ids });
    case 'refused':
      return ids.length > 1 ? step({ oneByOne: true }) : step({ remove: ids, refused: ids });
    case 'erased': {
      const erased = ids.filter((id) => answer.ids.includes(id));
      // An erasure that names none of the batch explains nothing: treat it as any other failure.
      if (erased.length === 0) return step({ retry: SLOW_BACKOFF });
      return step({ remove: erased, erased });
    }
    case 'failed':
      return step({ retry: answer.backoff });
  }
}
