import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeReceipt, NOW, startTempLedger, type TempLedger } from './ledgerFixture';

const SITE = 'https://www.example.com';
let ledger: TempLedger;
let now = NOW;
beforeAll(async () => {
  ledger = await startTempLedger({ origins: [SITE], rateLimit: { limit: 5, windowMs: 60_000 }, clock: () => now });
});
afterAll(() => ledger?.close());

const preflight = (origin: string) =>
  fetch(ledger.at('/receipts'), {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });

test('a preflight from an allowed origin is answered; one from another origin is refused', async () => {
  const allowed = await preflight(SITE);
  expect(allowed.status).toBe(204);
  expect(Object.fromEntries(allowed.headers)).toMatchObject({
    'access-control-allow-origin': SITE,
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    'access-control-allow-headers': 'content-type',
    vary: 'Origin',
  });

  const refused = await preflight('https://evil.example');
  expect(refused.status).toBe(403);
  expect(refused.headers.get('access-control-allow-origin')).toBeNull();
});

test('a beacon from a refused origin stores nothing; the allowed origin can read its answers', async () => {
  now += 60_000;
  const receipt = makeReceipt();
  const body = JSON.stringify({ receipts: [receipt] });
  const beacon = await fetch(ledger.at('/receipts'), { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain' }, body });
  expect(beacon.status).toBe(403);
  expect(await beacon.json()).toMatchObject({ error: 'origin_not_allowed' });

  const mine = await fetch(ledger.at('/receipts'), { method: 'POST', headers: { origin: SITE, 'content-type': 'text/plain' }, body });
  expect(mine.status).toBe(201);
  expect(mine.headers.get('access-control-allow-origin')).toBe(SITE);
  expect(mine.headers.get('access-control-expose-headers')).toBe('Retry-After');

  // The ledger's own host is always allowed, whatever the scheme a proxy put in front.
  const sameHost = await fetch(ledger.at(`/subjects/${receipt.subject}`), { headers: { origin: ledger.server.url.replace('http:', 'https:') } });
  expect(sameHost.status).toBe(200);
});

test('a burst over the per-client limit gets 429 with Retry-After, and the limit refills with time', async () => {
  now += 10 * 60_000;
  const subject = makeReceipt().subject;
  const burst = await Promise.all(Array.from({ length: 8 }, () => fetch(ledger.at(`/subjects/${subject}`), { headers: { origin: SITE } })));
  const statuses = burst.map((r) => r.status).sort();
  expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
  const limited = burst.find((r) => r.status === 429)!;
  expect(limited.headers.get('retry-after')).toBe('12');
  expect(limited.headers.get('access-control-allow-origin')).toBe(SITE);
  expect(await limited.json()).toEqual({ error: 'too_many_requests', message: 'Too many requests; retry in 12 s.' });

  now += 12_000;
  expect((await fetch(ledger.at(`/subjects/${subject}`))).status).toBe(404);
  expect((await fetch(ledger.at(`/subjects/${subject}`))).status).toBe(429);
});

test('unknown routes are 404 and wrong methods 405, as JSON', async () => {
  now += 10 * 60_000;
  const unknown = await fetch(ledger.server.url + '/admin');
  expect(unknown.status).toBe(404);
  expect(await unknown.json()).toEqual({ error: 'not_found', message: 'No such route.' });
  const wrong = await fetch(ledger.at(`/subjects/${makeReceipt().subject}`), { method: 'PUT' });
  expect(wrong.status).toBe(405);
  expect(wrong.headers.get('allow')).toBe('GET, DELETE, OPTIONS');
});
