import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { badRequests, type BadRequest } from './badBodies';
import { makeReceipt, startTempLedger, type TempLedger, withoutAcks } from './ledgerFixture';

let ledger: TempLedger;
beforeAll(async () => {
  ledger = await startTempLedger();
});
afterAll(() => ledger?.close());

async function send(request: BadRequest): Promise<{ label: string; status: number; error: unknown }> {
  const headers: Record<string, string> = request.contentType ? { 'content-type': request.contentType } : {};
  const init = { method: 'POST', headers, body: request.body, duplex: 'half' } as RequestInit;
  const response = await fetch(ledger.at('/receipts'), init);
  const body = (await response.json()) as { error?: unknown };
  return { label: request.label, status: response.status, error: body.error };
}

// A minute, not the default 20 s: a thousand requests take 10 to 16 s when the machine is shared.
test('1,000 bad bodies each get a JSON 4xx, nothing is stored, and the server keeps answering', async () => {
  const requests = badRequests(1000);
  const results: Awaited<ReturnType<typeof send>>[] = [];
  // Eight at a time: concurrent enough to interleave, gentle on a shared machine.
  for (let i = 0; i < requests.length; i += 8) results.push(...(await Promise.all(requests.slice(i, i + 8).map(send))));

  const wrong = results.filter((r) => r.status < 400 || r.status >= 500 || typeof r.error !== 'string');
  expect(wrong).toEqual([]);
  expect(new Set(results.map((r) => r.status))).toEqual(new Set([400, 413, 415]));

  const conn = new Database(ledger.db, { readonly: true });
  expect(conn.prepare('SELECT count(*) FROM receipts').pluck().get()).toBe(0);
  conn.close();
  expect(Object.prototype).not.toHaveProperty('polluted');

  const good = makeReceipt();
  expect((await ledger.post([good])).status).toBe(201);
  expect(withoutAcks((await (await fetch(ledger.at(`/subjects/${good.subject}`))).json()).receipts)).toEqual([good]);
}, 60_000);
