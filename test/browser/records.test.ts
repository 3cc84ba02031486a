// "My consent records" (examples/site/records.html) against the stand-in for
// the ledger's proof protocol (test/sync/proofLedger.ts): each receipt shows
// the text the visitor was shown and the ledger's signed acknowledgement.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { createProofLedger } from '../sync/proofLedger';
import { launchChromium } from './chromium';

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
  const content = readFileSync(new URL('../../examples/site/records.html', import.meta.url), 'utf8').replace(/^<!--.*-->\n/, '');
  server.page(
    '/records.html',
    `<!doctype html><html lang="en"><head><script src="/consentkit.min.js" data-endpoint="/api/consent" data-policy-version="2018-05-24" data-policy-url="/privacy"></script></head><body>${content}</body></html>`,
  );
  server.route('/assets/records.js', (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/javascript' });
    response.end(readFileSync(new URL('../../examples/site/assets/records.js', import.meta.url)));
  });
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

test('each receipt on the records page shows the notice it was given under and the ledger acknowledgement', async () => {
  const ledger = createProofLedger();
  for (const path of ['receipts', 'notices']) server.route('/api/consent/' + path, ledger.route);
  const page = await browser.newPage();
  await page.goto(server.origin + '/records.html');
  const receipt = await page.evaluate(async () => {
    await window.consentkit!.flush();
    return window.consentkit!.acceptAll();
  });
  // Routes with the subject and the hash in the path, now that they are known.
  server.route('/api/consent/subjects/' + receipt.subject, ledger.route);
  server.route('/api/consent/notices/' + receipt.shownHash, ledger.route);
  await page.getByRole('button', { name: 'Refresh' }).click();
  const row = page.getByRole('row').nth(1);
  await expect.poll(() => row.getByRole('cell').count()).toBe(7);
  await row.getByText('Banner and preferences (en)').click();
  const shown = row.getByRole('group');
  await expect.poll(() => shown.textContent()).toContain('Accept all · Reject all · Customize · Continue without accepting');
  expect(await shown.textContent()).toContain('Cookie preferences');
  expect(await row.getByRole('cell').nth(6).textContent()).toMatch(/^Signed by key test-key-1, received /);
  await page.close();
});
