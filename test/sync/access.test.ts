// ck.access() and ck.erase() against the real ledger (its HTTP server on
// 127.0.0.1, an SQLite file in a temp folder) and Node's real fetch, through a
// forwarding front that records the traffic and fails the requests a test
// names. The cursors here are the real ledger's; what access() does with
// cursors of other forms, and with one that comes back, is in
// readSubjectRecords.test.ts.
import { afterEach, expect, test } from 'vitest';
import { startFailingFront } from '../helpers/failingFront';
import { makeReceipt, startTempLedger, type TempLedger } from '../server/ledgerFixture';
import { loadPage, newBrowser } from './helpers';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const server of servers.splice(0).reverse()) await server.close();
});

/** A real ledger without the per-subject cap (a test posts many receipts of one subject), and the front the SDK reaches it through. */
async function startLedger() {
  const ledger = await startTempLedger({ clock: () => Date.now(), subjectLimit: false });
  servers.push(ledger);
  const front = await startFailingFront(ledger.server.url);
  servers.push(front);
  return { ledger, front };
}

/** Posts `count` more receipts of `subject` straight to the ledger, 100 a request; their ids, in order. */
async function postMore(ledger: TempLedger, subject: string, count: number): Promise<string[]> {
  const receipts = Array.from({ length: count }, () => makeReceipt({ subject, timestamp: new Date().toISOString() }));
  for (let start = 0; start < count; start += 100) expect((await ledger.post(receipts.slice(start, start + 100))).status).toBe(201);
  return receipts.map((r) => r.id);
}

interface Page {
  decision: unknown;
  receipts: Array<{ id: string; ack?: unknown }>;
  ledger: unknown[];
  next: string | null;
}

/** A page of the subject's records asked of the ledger directly. */
const pageOf = async (ledger: TempLedger, subject: string, cursor?: string): Promise<Page> =>
  (await (await fetch(ledger.at(`/subjects/${subject}`) + (cursor === undefined ? '' : `?cursor=${cursor}`))).json()) as Page;

test('access() follows `next` through every page and returns one object with all receipts and ledger entries', async () => {
  const { ledger, front } = await startLedger();
  const { core, sync } = loadPage(newBrowser(), front.endpoint);
  const accepted = core.acceptAll();
  const { subject } = accepted;
  await sync.flush();
  // 1,000 more receipts of this subject: the ledger serves 500 a page, so three pages in all.
  const more = await postMore(ledger, subject, 1000);
  const first = await pageOf(ledger, subject);
  const second = await pageOf(ledger, subject, first.next!);
  const third = await pageOf(ledger, subject, second.next!);
  expect(third.next).toBeNull();

  const records = await sync.access();
  expect(records).toEqual({
    subject,
    decision: first.decision,
    receipts: [...first.receipts, ...second.receipts, ...third.receipts],
    ledger: [...first.ledger, ...second.ledger, ...third.ledger],
    notices: {},
  });
  expect(records?.receipts.map((r) => r.id)).toEqual([accepted.id, ...more]);
  expect(records?.receipts.every((r) => r.ack?.receipt === r.id)).toBe(true);
  expect(records?.decision).toMatchObject({ subject, receipt: more.at(-1) });
  expect(front.requests).toEqual([
    'POST /receipts',
    `GET /subjects/${subject}`,
    `GET /subjects/${subject}?cursor=${first.next}`,
    `GET /subjects/${subject}?cursor=${second.next}`,
  ]);
  sync.destroy();
});

test('a page that fails makes access() resolve null with an error event, though the pages before it came; the next call gets them all', async () => {
  const { ledger, front } = await startLedger();
  const { core, sync, events } = loadPage(newBrowser(), front.endpoint);
  const { subject } = core.acceptAll();
  await sync.flush();
  await postMore(ledger, subject, 500);
  const { next } = await pageOf(ledger, subject);
  const second = `GET /subjects/${subject}?cursor=${next}`;
  front.fail(second, 503);

  expect(await sync.access()).toBeNull();
  expect(front.requests).toEqual(['POST /receipts', `GET /subjects/${subject}`, second]);
  expect(events.filter((e) => 'error' in e)).toEqual([{ error: { code: 'access', message: 'no records', detail: subject } }]);
  expect((await sync.access())?.receipts).toHaveLength(501);
  sync.destroy();
});

test('erase() erases the subject on the ledger, then forgets it here; the ledger refuses its later receipts', async () => {
  const { ledger, front } = await startLedger();
  const browser = newBrowser();
  const { core, sync, outbox } = loadPage(browser, front.endpoint);
  const accepted = core.acceptAll();
  await sync.flush();
  expect(await ledger.storedIds()).toEqual([accepted.id]);

  expect(await sync.erase()).toBe(true);
  expect(front.requests).toEqual(['POST /receipts', `DELETE /subjects/${accepted.subject}`]);
  expect(await ledger.storedIds()).toEqual([]);
  expect((await fetch(ledger.at(`/subjects/${accepted.subject}`))).status).toBe(404);
  expect(core.get()).toBeNull();
  expect(core.receipts()).toEqual([]);
  expect(outbox()).toEqual([]);
  // A copy of the old receipt sent late (another tab, a beacon) cannot bring the subject back.
  expect((await ledger.post([accepted])).status).toBe(410);
  sync.destroy();
});
