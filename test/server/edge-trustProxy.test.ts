import { afterEach, expect, test } from 'vitest';
import { makeReceipt, startTempLedger, type TempLedger } from './ledgerFixture';

// Three requests a minute per client, so the fourth from one client is refused.
let ledger: TempLedger | undefined;
afterEach(() => ledger?.close());

const statuses = async (forwardedFor: string[]) => {
  const statuses: number[] = [];
  for (const xff of forwardedFor) {
    const response = await fetch(ledger!.at(`/subjects/${makeReceipt().subject}`), { headers: { 'x-forwarded-for': xff } });
    statuses.push(response.status);
  }
  return statuses;
};

test('without trustProxy, X-Forwarded-For is ignored: one peer is one client', async () => {
  ledger = await startTempLedger({ rateLimit: { limit: 3 } });
  expect(await statuses(['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'])).toEqual([404, 404, 404, 429]);
});

test('with one trusted hop, each forwarded client has its own limit, and a forged left part changes nothing', async () => {
  ledger = await startTempLedger({ rateLimit: { limit: 3 }, trustProxy: 1 });
  expect(await statuses(['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'])).toEqual([404, 404, 404, 404]);
  // The proxy appends the address it saw; what the client wrote before it is not believed.
  expect(await statuses(['1.1.1.1, 198.51.100.7', '2.2.2.2, 198.51.100.7', '3.3.3.3, 198.51.100.7', '4.4.4.4, 198.51.100.7'])).toEqual([404, 404, 404, 429]);
});

test('with a list of trusted proxies, the client is the first address from the right that is not one of them', async () => {
  ledger = await startTempLedger({ rateLimit: { limit: 3 }, trustProxy: ['127.0.0.1', '10.0.0.0/8'] });
  expect(await statuses(['198.51.100.1, 10.0.0.1', '198.51.100.2', '198.51.100.3, 10.9.9.9', '198.51.100.4'])).toEqual([404, 404, 404, 404]);
  expect(await statuses(['6.6.6.6, 198.51.100.1', '7.7.7.7, 198.51.100.1, 10.0.0.1', '8.8.8.8, 198.51.100.1'])).toEqual([404, 404, 429]);
});

test('a peer that is not a trusted proxy is the client, whatever it forwards', async () => {
  ledger = await startTempLedger({ rateLimit: { limit: 3 }, trustProxy: ['10.0.0.1'] });
  expect(await statuses(['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'])).toEqual([404, 404, 404, 429]);
});
