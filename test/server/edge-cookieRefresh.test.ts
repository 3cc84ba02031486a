import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeReceipt, NOW, startTempLedger, type TempLedger } from './ledgerFixture';
import { rawPost, rawRequest } from './rawHttp';

// Safari keeps a script-written cookie 7 days at most; a same-site answer that
// sets it again lets a six-month decision last six months.
const SITE = 'https://www.example.com';
const DAY = 86_400_000;
let ledger: TempLedger;
beforeAll(async () => {
  ledger = await startTempLedger({ origins: [SITE] });
});
afterAll(() => ledger?.close());

/** The consent cookie as the SDK writes it (src/core/record.ts), decided `daysAgo` before the server's clock. */
const consentCookie = (subject: string, daysAgo: number) =>
  encodeURIComponent(JSON.stringify({ v: 1, sub: subject, ts: NOW - daysAgo * DAY, pv: '2018-05-24', rid: 'V1StGXR8_Z5jdHi6B-myT', gpc: 0, c: { necessary: 1, analytics: 1 } }));

async function post(headers: Record<string, string>, on = ledger) {
  const receipt = makeReceipt();
  const value = consentCookie(receipt.subject, 10);
  const answer = await rawRequest(on.server.url, rawPost('/api/consent/receipts', JSON.stringify({ receipts: [receipt] }), { host: 'x', cookie: `_ga=GA1.2.3; consentkit=${value}; other=1`, ...headers }));
  return { answer, value };
}

test('a same-site POST gets the consent cookie back: same value, path, SameSite=Lax, Secure on https, max-age to the decision’s expiry, not HttpOnly', async () => {
  const { answer, value } = await post({ origin: SITE, 'sec-fetch-site': 'same-site' });
  expect(answer.status).toBe(201);
  expect(answer.headers['set-cookie']).toBe(`consentkit=${value}; Path=/; Max-Age=${172 * 86_400}; SameSite=Lax; Secure`);
  expect(answer.headers['access-control-allow-credentials']).toBe('true');
});

test('a same-origin POST over http (proxied path, no Origin) gets it without Secure', async () => {
  const { answer, value } = await post({ 'sec-fetch-site': 'same-origin' });
  expect(answer.headers['set-cookie']).toBe(`consentkit=${value}; Path=/; Max-Age=${172 * 86_400}; SameSite=Lax`);
});

test('a cross-site request never gets the cookie, even from an allowed origin', async () => {
  for (const headers of [{ origin: SITE, 'sec-fetch-site': 'cross-site' }, { origin: SITE }, { 'sec-fetch-site': 'none' }]) {
    const { answer } = await post(headers);
    expect(answer.status).toBe(201);
    expect(answer.headers['set-cookie']).toBeUndefined();
  }
  const refused = await post({ origin: 'https://evil.example', 'sec-fetch-site': 'same-site' });
  expect(refused.answer.status).toBe(403);
  expect(refused.answer.headers['set-cookie']).toBeUndefined();
});

test('a cookie that is not a valid record, or an expired decision, is not refreshed', async () => {
  const receipt = makeReceipt();
  for (const cookie of ['consentkit=%7Bnot-json', `consentkit=${encodeURIComponent('{"v":1}')}`, `consentkit=${consentCookie(receipt.subject, 200)}`, 'consentkitx=1']) {
    const body = JSON.stringify({ receipts: [makeReceipt()] });
    const answer = await rawRequest(ledger.server.url, rawPost('/api/consent/receipts', body, { host: 'x', cookie, 'sec-fetch-site': 'same-origin' }));
    expect(answer.status).toBe(201);
    expect(answer.headers['set-cookie']).toBeUndefined();
  }
});

test('the cookie name and domain are configurable, and the refresh can be turned off', async () => {
  const named = await startTempLedger({ consentCookie: { name: 'ck', domain: 'example.com', maxAgeDays: 30 } });
  const off = await startTempLedger({ consentCookie: false });
  try {
    const receipt = makeReceipt();
    const value = consentCookie(receipt.subject, 10);
    const body = JSON.stringify({ receipts: [receipt] });
    const answer = await rawRequest(named.server.url, rawPost('/api/consent/receipts', body, { host: 'x', cookie: `ck=${value}`, 'sec-fetch-site': 'same-origin' }));
    expect(answer.headers['set-cookie']).toBe(`ck=${value}; Path=/; Max-Age=${20 * 86_400}; Domain=example.com; SameSite=Lax`);
    const none = await post({ 'sec-fetch-site': 'same-origin' }, off);
    expect(none.answer.status).toBe(201);
    expect(none.answer.headers['set-cookie']).toBeUndefined();
  } finally {
    await named.close();
    await off.close();
  }
});
