import type { Receipt } from '../core/receipt';
import type { Notice } from '../ui/shownText';
import { addPage, isSubjectPage, type SubjectRecords } from './subjectRecords';

/** Fetches a URL and resolves with the JSON body of a 2xx answer, null for anything else. Never rejects. */
export type GetJson = (url: string) => Promise<unknown>;

/**
 * Every page of a subject's records (`GET {endpoint}/subjects/{subject}`),
 * following `next` (`?cursor=`); null when any page is unavailable or not of
 * the expected shape, or when a cursor comes back (a loop).
 */
export async function readSubjectPages(getJson: GetJson, subjectUrl: string): Promise<SubjectRecords | null> {
  let records: SubjectRecords | null = null;
  const cursors = new Set<string>();
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : '?cursor=' + encodeURIComponent(cursor);
    const page = await getJson(subjectUrl + query);
    if (!isSubjectPage(page)) return null;
    records = addPage(records, page);
    cursor = page.next ?? null;
    // A cursor seen before would loop forever.
    if (cursor !== null && cursors.has(cursor)) return null;
    if (cursor !== null) cursors.add(cursor);
  } while (cursor !== null);
  return records;
}

/**
 * The archived notice of each distinct `sha256:` hash among the receipts
 * (`GET {endpoint}/notices/{hash}`, once per hash): the text each receipt was
 * given under; null where the ledger holds none. A 64-bit digest has none.
 */
export async function readNotices(getJson: GetJson, endpoint: string | null, receipts: Receipt[]): Promise<Record<string, Notice | null>> {
  const notices: Record<string, Notice | null> = {};
  for (const { shownHash: hash } of receipts) {
    if (/^sha256:[0-9a-f]{64}$/.test(hash) && !(hash in notices)) notices[hash] = (await getJson(endpoint + '/notices/' + hash)) as Notice | null;
  }
  return notices;
}
