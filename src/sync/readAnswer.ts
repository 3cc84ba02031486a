import { QUICK_BACKOFF, SLOW_BACKOFF, type Backoff } from './retryDelay';
import { TRANSIENT_STATUSES, VERDICT_STATUSES } from './statuses';

/** What the ledger's answer to a `POST …/receipts` means for the receipts sent. */
export type Answer =
  /** 2xx: stored (or stored already). */
  | { kind: 'delivered' }
  /** A verdict on the receipts: they will never be stored as they are. */
  | { kind: 'refused' }
  /** 410 `subject_erased`: the listed receipts belong to an erased subject; nothing in the batch was stored. */
  | { kind: 'erased'; ids: string[] }
  /** Anything else: the receipts stay and are sent again after a wait. */
  | { kind: 'failed'; backoff: Backoff };

/** The body of a 410 for receipts of an erased subject. */
interface ErasedBody {
  error: 'subject_erased';
  erased: string[];
}

const isErasedBody = (body: unknown): body is ErasedBody => {
  const { error, erased } = (body ?? {}) as Partial<Record<keyof ErasedBody, unknown>>;
  return error === 'subject_erased' && Array.isArray(erased) && erased.every((id) => typeof id === 'string');
};

/**
 * Reads an answer.
 * @param status the HTTP status; null for a network error
 * @param body the parsed JSON body of a 410 (other bodies are not read)
 */
export function readAnswer(status: number | null, body?: unknown): Answer {
  if (status === null || status >= 500 || TRANSIENT_STATUSES.includes(status)) return { kind: 'failed', backoff: QUICK_BACKOFF };
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (VERDICT_STATUSES.includes(status)) return { kind: 'refused' };
  if (status === 410 && isErasedBody(body)) return { kind: 'erased', ids: body.erased };
  return { kind: 'failed', backoff: SLOW_BACKOFF };
}
