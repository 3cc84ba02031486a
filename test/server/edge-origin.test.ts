import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeReceipt, startTempLedger, type TempLedger } from './ledgerFixture';
import { rawPost, rawRequest } from './rawHttp';

// A page on evil.example must not reach the ledger by dressing the request
// target or the Host header up as its own origin.
const EVIL = 'http://evil.example';
let ledger: TempLedger;
beforeAll(async () => {
  ledger = await startTempLedger({ origins: ['https://www.example.com'] });
});
afterAll(() => ledger?.close());

const host = () => new URL(ledger.server.url).host;
const stored = (id: string) => {
  const conn = new Database(ledger.db, { readonly: true });
  try {
    return conn.prepare('SELECT count(*) FROM receipts WHERE id = ?').pluck().get(id);
  } finally {
    conn.close();
  }
};
const beacon = () => {
  const receipt = makeReceipt();
  return { receipt, body: JSON.stringify({ receipts: [receipt] }) };
};

test('a target starting with // is refused with 400, and nothing is stored', async () => {
  const { receipt, body } = beacon();
  const answer = await rawRequest(ledger.server.url, rawPost('//evil.example/api/consent/receipts', body, { host: host(), origin: EVIL }));
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.body)).toMatchObject({ error: 'bad_request' });
  expect(stored(receipt.id)).toBe(0);
});

test('a target in absolute form is refused with 400, whatever host it names', async () => {
  for (const target of [`${EVIL}/api/consent/receipts`, `${ledger.server.url}/api/consent/receipts`]) {
    const { receipt, body } = beacon();
    const answer = await rawRequest(ledger.server.url, rawPost(target, body, { host: host(), origin: EVIL }));
    expect(answer.status).toBe(400);
    expect(stored(receipt.id)).toBe(0);
  }
});

test('a spoofed Host does not make another origin the ledger’s own', async () => {
  const { receipt, body } = beacon();
  const answer = await rawRequest(ledger.server.url, rawPost('/api/consent/receipts', body, { host: 'evil.example', origin: EVIL }));
  expect(answer.status).toBe(403);
  expect(JSON.parse(answer.body)).toMatchObject({ error: 'origin_not_allowed' });
  expect(stored(receipt.id)).toBe(0);
});

test('the ledger’s own origin (its public URL) and the allowed origin still store', async () => {
  for (const origin of [ledger.server.url, 'https://www.example.com']) {
    const { receipt, body } = beacon();
    const answer = await rawRequest(ledger.server.url, rawPost('/api/consent/receipts', body, { host: 'evil.example', origin }));
    expect(answer.status).toBe(201);
    expect(stored(receipt.id)).toBe(1);
  }
});

test('with a configured public URL, its origin is the ledger’s own and the listener’s address is not', async () => {
  const behindProxy = await startTempLedger({ publicUrl: 'https://consent.example.com' });
  try {
    const mine = beacon();
    const fromSite = await rawRequest(behindProxy.server.url, rawPost('/api/consent/receipts', mine.body, { host: 'consent.example.com', origin: 'https://consent.example.com' }));
    expect(fromSite.status).toBe(201);
    const other = beacon();
    const fromListener = await rawRequest(behindProxy.server.url, rawPost('/api/consent/receipts', other.body, { host: new URL(behindProxy.server.url).host, origin: 'http://' + new URL(behindProxy.server.url).host }));
    expect(fromListener.status).toBe(403);
  } finally {
    await behindProxy.close();
  }
});
