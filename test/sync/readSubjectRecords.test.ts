// What access() does with cursors the consentkit ledger never sends (its own are
// base64url; access.test.ts runs against it): a cursor is opaque, so another
// ledger, or a cache that ignores the query string, may answer otherwise.
import { expect, test } from 'vitest';
import { readSubjectPages } from '../../src/sync/readSubjectRecords';

const SUBJECT_URL = 'https://ledger.example/api/consent/subjects/k2Dv0sQ7cYyN0dTmPq1xA';

/**
 * A ledger's pages by cursor ('' for the first), as the GetJson readSubjectPages
 * is handed; `asked` lists the URLs in order. After 10 requests it answers
 * nothing more, so a loop the reader misses fails a test rather than hanging it.
 */
function ledgerPages(pages: Record<string, { receipts: unknown[]; next: string | null }>) {
  const asked: string[] = [];
  const getJson = async (url: string) => {
    asked.push(url);
    if (asked.length > 10) return null;
    const page = pages[new URL(url).searchParams.get('cursor') ?? ''];
    return page && { subject: 'k2Dv0sQ7cYyN0dTmPq1xA', decision: null, ...page };
  };
  return { asked, getJson };
}

test('a cursor may hold any characters: each is URI-encoded in the query', async () => {
  const { asked, getJson } = ledgerPages({
    '': { receipts: [{ id: 'r1' }], next: 'c/2+=' },
    'c/2+=': { receipts: [{ id: 'r2' }], next: 'c&3' },
    'c&3': { receipts: [{ id: 'r3' }], next: null },
  });
  expect(await readSubjectPages(getJson, SUBJECT_URL)).toEqual({
    subject: 'k2Dv0sQ7cYyN0dTmPq1xA',
    decision: null,
    receipts: [{ id: 'r1' }, { id: 'r2' }, { id: 'r3' }],
  });
  expect(asked).toEqual([SUBJECT_URL, `${SUBJECT_URL}?cursor=c%2F2%2B%3D`, `${SUBJECT_URL}?cursor=c%263`]);
});

test('a cursor that comes back (a loop) resolves null, after one request per distinct cursor', async () => {
  const { asked, getJson } = ledgerPages({
    '': { receipts: [{ id: 'r1' }], next: 'same' },
    same: { receipts: [{ id: 'r2' }], next: 'same' },
  });
  expect(await readSubjectPages(getJson, SUBJECT_URL)).toBeNull();
  expect(asked).toEqual([SUBJECT_URL, `${SUBJECT_URL}?cursor=same`]);
});
