import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTempLedger, type TempLedger } from './ledgerFixture';
import { rawRequest } from './rawHttp';

let ledger: TempLedger;
beforeAll(async () => {
  ledger = await startTempLedger();
});
afterAll(() => ledger?.close());

const request = (method: string, target: string) =>
  rawRequest(ledger.server.url, `${method} ${target} HTTP/1.1\r\nhost: ${new URL(ledger.server.url).host}\r\nconnection: close\r\n\r\n`);

test('TRACE and methods the ledger does not serve get 405 with Allow, never 500', async () => {
  for (const method of ['TRACE', 'PROPFIND', 'PATCH', 'PUT']) {
    const answer = await request(method, '/api/consent/receipts');
    expect({ method, status: answer.status }).toEqual({ method, status: 405 });
    expect(answer.headers.allow).toBe('POST, OPTIONS');
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'method_not_allowed' });
  }
  const subject = await request('TRACE', '/api/consent/subjects/V1StGXR8_Z5jdHi6B-myT');
  expect(subject.status).toBe(405);
  expect(subject.headers.allow).toBe('GET, DELETE, OPTIONS');
});

test('CONNECT gets 405 with Allow too', async () => {
  const answer = await request('CONNECT', 'evil.example:443');
  expect(answer.status).toBe(405);
  expect(answer.headers.allow).toBe('GET, POST, DELETE, OPTIONS');
});
