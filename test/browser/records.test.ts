// "My consent records" (examples/site/records.html) against a real ledger
// (its HTTP server, an SQLite file in a temp folder, its own Ed25519 key) on
// an origin of its own that allows the site's: each receipt shows the text
// the visitor was shown, as the ledger archived it, and the ledger's signed
// acknowledgement. The page reaches the ledger through a front that forwards
// everything and records the traffic.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { PublicLedgerKey } from '../../src/server/index';
import { startFailingFront, type FailingFront } from '../helpers/failingFront';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { startTempLedger, type TempLedger } from '../server/ledgerFixture';
import { launchChromium } from './chromium';

let browser: Browser;
let server: TestServer;
let ledger: TempLedger;
let front: FailingFront;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
  ledger = await startTempLedger({ origins: [server.origin], clock: () => Date.now() });
  front = await startFailingFront(ledger.server.url);
  const content = readFileSync(new URL('../../examples/site/records.html', import.meta.url), 'utf8').replace(/^<!--.*-->\n/, '');
  server.page(
    '/records.html',
    `<!doctype html><html lang="en"><head><script src="/consentkit.min.js" data-endpoint="${front.endpoint}" data-policy-version="2018-05-24" data-policy-url="/privacy"></script></head><body>${content}</body></html>`,
  );
  server.route('/assets/records.js', (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/javascript' });
    response.end(readFileSync(new URL('../../examples/site/assets/records.js', import.meta.url)));
  });
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close(), front?.close()]);
  await ledger?.close();
});

test('each receipt on the records page shows the notice it was given under and the ledger acknowledgement', async () => {
  const key = (await (await fetch(ledger.at('/key'))).json()) as PublicLedgerKey;
  const page = await browser.newPage();
  await page.goto(server.origin + '/records.html');
  await page.getByText('No receipt is stored for you.').waitFor();
  const receipt = await page.evaluate(async () => {
    await window.consentkit!.flush();
    return window.consentkit!.acceptAll();
  });
  await page.getByRole('button', { name: 'Refresh' }).click();
  const row = page.getByRole('row').nth(1);
  await expect.poll(() => row.getByRole('cell').count()).toBe(7);
  await row.getByText('Banner and preferences (en)').click();
  const shown = row.getByRole('group');
  await expect.poll(() => shown.textContent()).toContain('Accept all · Reject all · Customize · Continue without accepting');
  expect(await shown.textContent()).toContain('Cookie preferences');
  // That text is the notice the ledger archived under the receipt's hash.
  const archived = (await (await fetch(ledger.at('/notices/' + receipt.shownHash))).json()) as { banner: { title: string; buttons: string[] }; preferences: { title: string } };
  expect(archived.banner.buttons.join(' · ')).toBe('Accept all · Reject all · Customize · Continue without accepting');
  for (const text of [archived.banner.title, archived.preferences.title]) expect(await shown.textContent()).toContain(text);
  expect(await row.getByRole('cell').nth(6).textContent()).toMatch(new RegExp(`^Signed by key ${key.keyId}, received `));
  // The page uploaded the notice the ledger lacked, then read the receipts and that notice back; CORS preflights aside.
  expect(front.requests.filter((r) => !r.startsWith('OPTIONS '))).toEqual(['POST /receipts', 'POST /notices', `GET /subjects/${receipt.subject}`, `GET /notices/${receipt.shownHash}`]);
  await page.close();
});
