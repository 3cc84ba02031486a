import type { Receipt } from '../core/receipt';
import type { ConsentState } from '../core/state';

/** The ledger's answer to `GET {endpoint}/subjects/{subject}` (right of access and portability), all pages together. */
export interface SubjectRecords {
  subject: string;
  decision: ConsentState | null;
  receipts: Receipt[];
  /** What the ledger recorded of each receipt: when it arrived and its place in the hash chain. */
  ledger?: Array<{ id: string; receivedAt: string; hash: string; [field: string]: unknown }>;
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
