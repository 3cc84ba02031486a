import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeReceipt, NOW, startTempLedger, type TempLedger } from './ledgerFixture';

let ledger: TempLedger;
let now = NOW;
beforeAll(async () => {
  ledger = await startTempLedger({ subjectLimit: { limit: 5, windowMs: 60_000 }, clock: () => now });
});
afterAll(() => ledger?.close());

test('a subject over its write limit gets 429 with Retry-After and nothing stored; retries of stored receipts still get 2xx; the limit holds across a restart', async () => {
  const subject = makeReceipt().subject;
  const first = Array.from({ length: 3 }, () => makeReceipt({ subject }));
  expect((await ledger.post(first)).status).toBe(201);
  now += 20_000;
  const second = Array.from({ length: 2 }, () => makeReceipt({ subject }));
  expect((await ledger.post(second)).status).toBe(201);

  now += 10_000;
  const extra = makeReceipt({ subject });
  const limited = await ledger.post([extra, makeReceipt()]);
  expect(limited.status).toBe(429);
  // The first three leave the window 60 s after they arrived, 30 s from now.
  expect(limited.headers.get('retry-after')).toBe('30');
  expect(await limited.json()).toEqual({ error: 'subject_rate_limited', message: 'Too many receipts for this subject; nothing was stored; retry in 30 s.' });
  // An outbox resending what was stored is not writing anything new.
  expect((await ledger.post(second)).status).toBe(200);
  // Other subjects are not held back.
  expect((await ledger.post([makeReceipt()])).status).toBe(201);

  await ledger.restart();
  expect((await ledger.post([extra])).status).toBe(429);
  now += 30_000;
  expect((await ledger.post([extra])).status).toBe(201);
  const body = await (await fetch(ledger.at(`/subjects/${subject}`))).json();
  expect(body.receipts).toHaveLength(6);
});
