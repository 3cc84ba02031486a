import type { LocalReceipt } from '../core/acknowledgement';
import type { ConsentState } from '../core/state';
import type { Notice } from '../ui/shownText';

/** The ledger's answer to `GET {endpoint}/subjects/{subject}` (right of access and portability), all pages together. */
export interface SubjectRecords {
  subject: string;
  decision: ConsentState | null;
  /** Oldest first, each with the ledger's signed acknowledgement (`ack`) where it sent one. */
  receipts: LocalReceipt[];
  /** What the ledger recorded of each receipt: when it arrived and its place in the hash chain. */
  ledger?: Array<{ id: string; receivedAt: string; hash: string; [field: string]: unknown }>;
  /**
   * The text each receipt was given under: per distinct `sha256:` `shownHash`
   * of the receipts, the notice the ledger archived under it, or null when it
   * holds none. Receipts with a 64-bit digest have no archived notice.
   */
  notices?: Record<string, Notice | null>;
}

/** One page of that answer: `next` is the cursor of the following page, null on the last. */
export type SubjectPage = SubjectRecords & { next?: string | null };

/** A page as the ledger must send it; anything else means the answer cannot be used. */
export function isSubjectPage(value: unknown): value is SubjectPage {
  const page = value as Partial<Record<keyof SubjectPage, unknown>> | null;
  return (
    typeof page === 'object' &&
    page !== null &&
    typeof page.subject === 'string' &&
    Array.isArray(page.receipts) &&
    (page.ledger === undefined || Array.isArray(page.ledger)) &&
    (page.next === undefined || page.next === null || typeof page.next === 'string')
  );
}

/** Adds a page to the records read so far: receipts and ledger entries are concatenated, `next` left out. */
export function addPage(records: SubjectRecords | null, page: SubjectPage): SubjectRecords {
  const { next: _next, ...first } = page;
  if (!records) return first;
  const joined: SubjectRecords = { ...records, receipts: [...records.receipts, ...page.receipts] };
  if (records.ledger || page.ledger) joined.ledger = [...(records.ledger ?? []), ...(page.ledger ?? [])];
  return joined;
}
