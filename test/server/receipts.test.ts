import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeReceipt, NOW, startTempLedger, type TempLedger, withoutAcks } from './ledgerFixture';

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
  expect(await replay.json()).toMatchObject({ stored: [b.id], duplicates: [a.id, b.id], erased: [] });
  const again = await ledger.post([a, b]);
  expect(again.status).toBe(200);
  expect(await again.json()).toMatchObject({ stored: [], duplicates: [a.id, b.id], erased: [] });
});

test('GET returns exactly what was posted in receive order, the last received as the decision, and the server receive time', async () => {
  const subject = makeReceipt().subject;
  const accepted = makeReceipt({ subject }, 30);
  const withdrawn = makeReceipt(
    { subject, action: 'withdraw', source: 'settings-button', previous: accepted.id, categories: { necessary: true, preferences: true, analytics: true, marketing: false }, reason: 'expired' },
    10,
  );
  // A newer SDK may add fields: they are kept. The site added `support` since: the visitor was asked again.
  const saved = { ...makeReceipt({ subject, action: 'save', source: 'preferences', previous: withdrawn.id, categories: { necessary: true, preferences: false, analytics: true, marketing: false, support: true }, reason: 'new-category' }, 1), kantara: { version: '1.1' } };
  await ledger.post([accepted, withdrawn]);
  await ledger.post([saved]);

  const response = await fetch(ledger.at(`/subjects/${subject}`));
  expect(response.status).toBe(200);
  const body = await response.json();
  expect(withoutAcks(body.receipts)).toEqual([accepted, withdrawn, saved]);
  const receivedAt = new Date(NOW).toISOString();
  expect(body.decision).toEqual({ subject, categories: saved.categories, policyVersion: '2018-05-24', decidedAt: saved.timestamp, receivedAt, receipt: saved.id, gpc: false });
  expect(body.ledger).toEqual([accepted, withdrawn, saved].map((r) => ({ id: r.id, receivedAt, hash: expect.stringMatching(/^[0-9a-f]{64}$/), flags: [] })));
  expect(body.next).toBeNull();
  expect(response.headers.get('cache-control')).toBe('no-store');
});

test('a forged receipt dated ahead does not outrank a later genuine one: the decision follows receive order, and the broken link is flagged', async () => {
  const subject = makeReceipt().subject;
  const genuineFirst = makeReceipt({ subject }, 20);
  await ledger.post([genuineFirst]);
  // Dated 9 minutes ahead: within the skew allowance, so only its place in the chain gives it away.
  const forged = makeReceipt({ subject, action: 'accept-all', previous: genuineFirst.id, timestamp: new Date(NOW + 9 * 60_000).toISOString() });
  await ledger.post([forged]);
  const reject = makeReceipt({ subject, action: 'reject-all', previous: genuineFirst.id, categories: { necessary: true, preferences: false, analytics: false, marketing: false } }, 1);
  await ledger.post([reject]);

  const body = await (await fetch(ledger.at(`/subjects/${subject}`))).json();
  expect(body.receipts.map((r: { id: string }) => r.id)).toEqual([genuineFirst.id, forged.id, reject.id]);
  expect(body.decision).toMatchObject({ receipt: reject.id, categories: reject.categories, decidedAt: reject.timestamp });
  // The forger's receipt claimed the right previous; the genuine one, sent without knowing of it, did not match the head.
  expect(body.ledger.map((l: { flags: string[] }) => l.flags)).toEqual([[], [], ['previous-mismatch']]);
});

test('a receipt from a browser whose clock is far off is stored, flagged clock-skew, ordered by the ledger\'s receive time', async () => {
  const subject = makeReceipt().subject;
  const ahead = makeReceipt({ subject, timestamp: new Date(NOW + 60 * 60_000).toISOString() });
  const behind = makeReceipt({ subject, previous: ahead.id, timestamp: '1999-12-31T23:59:59.000Z' });
  const response = await ledger.post([ahead, behind]);
  expect(response.status).toBe(201);
  expect(await response.json()).toMatchObject({ stored: [ahead.id, behind.id], duplicates: [], erased: [] });
  const body = await (await fetch(ledger.at(`/subjects/${subject}`))).json();
  expect(withoutAcks(body.receipts)).toEqual([ahead, behind]);
  expect(body.ledger).toEqual([
    { id: ahead.id, receivedAt: new Date(NOW).toISOString(), hash: expect.any(String), flags: ['clock-skew'] },
    { id: behind.id, receivedAt: new Date(NOW).toISOString(), hash: expect.any(String), flags: ['clock-skew'] },
  ]);
  expect(body.decision.receipt).toBe(behind.id);
  // The flag is ledger metadata: the receipt is kept exactly as posted.
  expect(Object.keys(body.receipts[0])).not.toContain('flags');
});

test("another subject's GET sees none of it, and an unknown or malformed subject is refused", async () => {
  const mine = makeReceipt();
  const theirs = makeReceipt();
  await ledger.post([mine, theirs]);
  const body = await (await fetch(ledger.at(`/subjects/${theirs.subject}`))).json();
  expect(withoutAcks(body.receipts)).toEqual([theirs]);
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
  const malformed = makeReceipt({ timestamp: '2026-11-29T16:00:00Z' });
  const response = await ledger.post([good, malformed]);
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({
    error: 'invalid_receipt',
    message: 'Some receipts are invalid; nothing was stored.',
    details: [{ index: 1, field: 'timestamp', message: 'must be an ISO 8601 UTC time such as 2026-11-29T16:00:00.000Z' }],
  });
  expect(rowsOf(ledger.db, good.id)).toBe(0);
});

test('the server closed and restarted on the same file keeps everything', async () => {
  const receipt = makeReceipt();
  await ledger.post([receipt]);
  await ledger.restart();
  const body = await (await fetch(ledger.at(`/subjects/${receipt.subject}`))).json();
  expect(withoutAcks(body.receipts)).toEqual([receipt]);
  expect((await (await ledger.post([receipt])).json()).duplicates).toEqual([receipt.id]);
});
