import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Receipt } from '../../src/core/receipt';
import type { SqliteStore } from '../../src/server/index';
import { validateReceipt } from '../../src/server/validateReceipt';
import { makeReceipt, NOW, startTempLedger, type TempLedger, withoutAcks } from './ledgerFixture';

let ledger: TempLedger;
const subject = makeReceipt().subject;
const posted: Receipt[] = [];
beforeAll(async () => {
  ledger = await startTempLedger({ subjectLimit: false });
  for (let batch = 0; batch < 11; batch++) {
    const receipts = Array.from({ length: 100 }, () => makeReceipt({ subject }));
    posted.push(...receipts);
    expect((await ledger.post(receipts)).status).toBe(201);
  }
});
afterAll(() => ledger?.close());

interface Page {
  subject: string;
  decision: { receipt: string };
  receipts: Receipt[];
  ledger: { id: string }[];
  next: string | null;
}
const page = async (query = '') => (await (await fetch(ledger.at(`/subjects/${subject}${query}`))).json()) as Page;

test('GET pages a subject 500 receipts at a time by default; the pages join into every receipt in receive order, with one decision', async () => {
  const pages: Page[] = [await page()];
  while (pages.at(-1)!.next) pages.push(await page(`?cursor=${pages.at(-1)!.next}`));
  expect(pages.map((p) => p.receipts.length)).toEqual([500, 500, 100]);
  expect(withoutAcks(pages.flatMap((p) => p.receipts))).toEqual(posted);
  expect(pages.flatMap((p) => p.ledger.map((l) => l.id))).toEqual(posted.map((r) => r.id));
  expect(new Set(pages.map((p) => p.decision.receipt))).toEqual(new Set([posted.at(-1)!.id]));
  expect(pages.at(-1)!.next).toBeNull();
});

test('limit asks for smaller pages; a limit over 500, a malformed limit or a forged cursor is refused', async () => {
  const first = await page('?limit=7');
  expect(withoutAcks(first.receipts)).toEqual(posted.slice(0, 7));
  const second = await page(`?limit=7&cursor=${first.next}`);
  expect(withoutAcks(second.receipts)).toEqual(posted.slice(7, 14));

  for (const query of ['?limit=501', '?limit=0', '?limit=-1', '?limit=1.5', '?limit=abc', '?limit=', '?cursor=', '?cursor=42', '?cursor=%00', `?cursor=${Buffer.from('v1.-1').toString('base64url')}`]) {
    const response = await fetch(ledger.at(`/subjects/${subject}${query}`));
    expect({ query, status: response.status, error: (await response.json()).error }).toEqual({ query, status: 400, error: 'invalid_query' });
  }
});

test('a subject with 50,000 receipts is read a page at a time: each answer stays small and quick', async () => {
  const big = makeReceipt().subject;
  const store = ledger.server.store as SqliteStore;
  for (let batch = 0; batch < 100; batch++) {
    const entries = Array.from({ length: 500 }, () => {
      const result = validateReceipt(makeReceipt({ subject: big }), { now: NOW, maxSkewMs: 600_000, maxLagMs: 86_400_000 });
      if (!result.ok) throw new Error('invalid fixture');
      return result.entry;
    });
    store.append(entries, { receivedAt: new Date(NOW).toISOString() });
    // Let the server's sockets breathe: a loop blocked past the keep-alive timeout resets a pooled connection.
    await new Promise((resolve) => setImmediate(resolve));
  }
  let cursor: string | null = null;
  let slowest = 0;
  let largest = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const response: Response = await fetch(ledger.at(`/subjects/${big}${cursor ? `?cursor=${cursor}` : ''}`));
    const text = await response.text();
    slowest = Math.max(slowest, performance.now() - started);
    largest = Math.max(largest, text.length);
    const body = JSON.parse(text) as Page;
    expect(body.receipts).toHaveLength(500);
    cursor = body.next;
  }
  console.log(`paging: 50,000-receipt subject, slowest page ${slowest.toFixed(0)} ms, largest ${largest} bytes`);
  // 500 receipts of ~450 bytes each plus a ~270-byte signed ack each: the answer is bounded by the page, not by the subject (25 MB before paging).
  expect(largest).toBeLessThan(550_000);
}, 60_000);
