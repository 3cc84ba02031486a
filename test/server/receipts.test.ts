import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeReceipt, NOW, startTempLedger, type TempLedger } from './ledgerFixture';

let ledger: TempLedger;
beforeAll(async () => {
  ledger = await startTempLedger();
});
afterAll(() => ledger?.close());

const rowsOf = (db: string, id: string) => {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT count(*) FROM receipts WHERE id = ?').pluck().get(id);
  } finally {
    conn.close();
  }
};

test('the same receipt posted 50 times at once is stored once, and every post is answered 2xx', async () => {
  const receipt = makeReceipt();
  const responses = await Promise.all(Array.from({ length: 50 }, () => ledger.post([receipt])));
  const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ stored: string[]; duplicates: string[] }>));
  expect(responses.every((r) => r.status >= 200 && r.status < 300)).toBe(true);
  expect(bodies.filter((b) => b.stored.includes(receipt.id))).toHaveLength(1);
  expect(bodies.filter((b) => b.duplicates.includes(receipt.id))).toHaveLength(49);
  expect(rowsOf(ledger.db, receipt.id)).toBe(1);
});

test('a replayed batch stores nothing and lists the duplicates, sent as a beacon (text/plain) too', async () => {
  const [a, b] = [makeReceipt(), makeReceipt()];
  const first = await ledger.post([a]);
  expect(first.status).toBe(201);
  const replay = await ledger.post([a, b, b], { 'content-type': 'text/plain;charset=UTF-8' });
  expect(replay.status).toBe(201);
  expect(await replay.json()).toEqual({ stored: [b.id], duplicates: [a.id, b.id], erased: [] });
  const again = await ledger.post([a, b]);
  expect(again.status).toBe(200);
  expect(await again.json()).toEqual({ stored: [], duplicates: [a.id, b.id], erased: [] });
});

test('GET returns exactly what was posted, oldest first, with the current decision and the server receive time', async () => {
  const subject = makeReceipt().subject;
  const accepted = makeReceipt({ subject }, 30);
  const withdrawn = makeReceipt(
    { subject, action: 'withdraw', source: 'settings-button', previous: accepted.id, categories: { necessary: true, preferences: true, analytics: true, marketing: false }, reason: 'expired' },
    10,
  );
  // A newer SDK may add fields: they are kept. The site added `support` since: the visitor was asked again.
  const saved = { ...makeReceipt({ subject, action: 'save', source: 'preferences', previous: withdrawn.id, categories: { necessary: true, preferences: false, analytics: true, marketing: false, support: true }, reason: 'new-category' }, 1), kantara: { version: '1.1' } };
  // The outbox may deliver out of order; the ledger orders by decision time.
  await ledger.post([saved]);
  await ledger.post([accepted, withdrawn]);

  const response = await fetch(ledger.at(`/subjects/${subject}`));
  expect(response.status).toBe(200);
  const body = await response.json();
  expect(body.receipts).toEqual([accepted, withdrawn, saved]);
  expect(body.decision).toEqual({ subject, categories: saved.categories, policyVersion: '2018-05-24', decidedAt: saved.timestamp, receipt: saved.id, gpc: false });
  expect(body.ledger.map((l: { id: string }) => l.id)).toEqual([accepted.id, withdrawn.id, saved.id]);
  expect(body.ledger[0].receivedAt).toBe(new Date(NOW).toISOString());
  expect(body.ledger[0].hash).toMatch(/^[0-9a-f]{64}$/);
  expect(response.headers.get('cache-control')).toBe('no-store');
});

test("another subject's GET sees none of it, and an unknown or malformed subject is refused", async () => {
  const mine = makeReceipt();
  const theirs = makeReceipt();
  await ledger.post([mine, theirs]);
  const body = await (await fetch(ledger.at(`/subjects/${theirs.subject}`))).json();
  expect(body.receipts).toEqual([theirs]);
  expect(JSON.stringify(body)).not.toContain(mine.subject);
  expect(JSON.stringify(body)).not.toContain(mine.id);
  expect((await fetch(ledger.at(`/subjects/${makeReceipt().subject}`))).status).toBe(404);
  expect((await fetch(ledger.at('/subjects/not-an-id'))).status).toBe(400);
  // There is no listing route.
  expect((await fetch(ledger.at('/subjects/'))).status).toBe(400);
  expect((await fetch(ledger.at('/subjects'))).status).toBe(404);
  expect((await fetch(ledger.at('/receipts'))).status).toBe(405);
});

test('a batch with one invalid receipt stores nothing and says which field is wrong', async () => {
  const good = makeReceipt();
  const future = makeReceipt({ timestamp: new Date(NOW + 60 * 60_000).toISOString() });
  const response = await ledger.post([good, future]);
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({
    error: 'invalid_receipt',
    message: 'Some receipts are invalid; nothing was stored.',
    details: [{ index: 1, field: 'timestamp', message: 'is in the future' }],
  });
  expect(rowsOf(ledger.db, good.id)).toBe(0);
  // A little clock skew is tolerated.
  expect((await ledger.post([makeReceipt({ timestamp: new Date(NOW + 60_000).toISOString() })])).status).toBe(201);
});

test('the server closed and restarted on the same file keeps everything', async () => {
  const receipt = makeReceipt();
  await ledger.post([receipt]);
  await ledger.restart();
  const body = await (await fetch(ledger.at(`/subjects/${receipt.subject}`))).json();
  expect(body.receipts).toEqual([receipt]);
  expect((await (await ledger.post([receipt])).json()).duplicates).toEqual([receipt.id]);
});
