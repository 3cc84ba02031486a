import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, onTestFinished, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { parsePublicKey, verifyAck } from '../../src/server/index';
import { startFailingFront } from '../helpers/failingFront';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { startTempLedger } from '../server/ledgerFixture';
import { createTestLedger } from '../sync/ledger';
import { launchChromium } from './chromium';

let browser: Browser;
let server: TestServer;
const html = (body: string, endpoint = '/api/consent') =>
  `<!doctype html><html lang="en"><head><script src="/consentkit.min.js" data-endpoint="${endpoint}" data-policy-version="2018-05-24"></script></head><body>${body}</body></html>`;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
  server.page('/', html('<p>Home</p>'));
  server.page('/next', '<!doctype html><html lang="en"><body><p>Next page, without consentkit</p></body></html>');
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

test('a decision taken offline is delivered, once, by the next page load online', async () => {
  const ledger = createTestLedger();
  server.route('/api/consent/receipts', ledger.route);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.origin + '/');
  await context.setOffline(true);
  const offline = await page.evaluate(
    () =>
      new Promise<{ id: string; sync: unknown; outbox: string | null }>((resolve) => {
        const ck = window.consentkit!;
        const off = ck.on('sync', (sync) => {
          off();
          resolve({ id: receipt.id, sync, outbox: localStorage.getItem('consentkit:outbox') });
        });
        const receipt = ck.acceptAll();
      }),
  );
  expect(offline.sync).toEqual({ sent: 0, pending: 1 });
  expect(offline.outbox).toContain(offline.id);
  await page.close();

  await context.setOffline(false);
  const next = await context.newPage();
  const delivered = next.waitForResponse((r) => r.url().endsWith('/api/consent/receipts') && r.request().method() === 'POST');
  await next.goto(server.origin + '/');
  expect((await delivered).status()).toBe(200);
  expect(JSON.parse((await delivered).request().postData() ?? '{}').receipts.map((r: { id: string }) => r.id)).toEqual([offline.id]);
  expect([...ledger.stored.keys()]).toEqual([offline.id]);
  await next.waitForFunction(() => localStorage.getItem('consentkit:outbox') === null);
  await context.close();
});

test('a decision taken right before leaving the page arrives by beacon, stored once', async () => {
  const ledger = createTestLedger();
  let beaconArrived = () => {};
  const beacon = new Promise<void>((resolve) => (beaconArrived = resolve));
  server.route('/api/consent/receipts', async (request, response) => {
    if (request.headers['content-type']?.startsWith('text/plain')) beaconArrived();
    // The page's own fetch gets no answer before the beacon: only the beacon can deliver in time.
    else await beacon;
    await ledger.route(request, response);
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.origin + '/');
  const id = await page.evaluate(() => {
    const receipt = window.consentkit!.acceptAll();
    setTimeout(() => (location.href = '/next'));
    return receipt.id;
  });
  await page.waitForURL('**/next');
  await beacon;
  const byBeacon = ledger.posts.find((p) => p.contentType?.startsWith('text/plain'));
  expect(byBeacon?.ids).toEqual([id]);
  expect([...ledger.stored.keys()]).toEqual([id]);
  beaconArrived();
  await context.close();
});

test('a decision is acknowledged: ck.receipts() shows the ack, and the notice is uploaded once, not again on reload', async () => {
  // The real ledger on an origin of its own that allows the site's; the page
  // reaches it through a front that forwards everything and records the traffic.
  const ledger = await startTempLedger({ origins: [server.origin], clock: () => Date.now() });
  const front = await startFailingFront(ledger.server.url);
  onTestFinished(async () => {
    await front.close();
    await ledger.close();
  });
  const proof = ledger.server.store.proof!;
  const key = parsePublicKey(await (await fetch(ledger.at('/key'))).text());
  const verify = async (ack: unknown) => (await verifyAck(ack, { tombstones: () => ledger.server.store.tombstones(), proof }, key)).status;
  // What the page sent, the browser's CORS preflights aside.
  const sent = () => front.requests.filter((r) => !r.startsWith('OPTIONS '));
  server.page('/proof', html('<p>Proof</p>', front.endpoint));

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.origin + '/proof');
  const decide = () =>
    page.evaluate(async () => {
      const ck = window.consentkit!;
      // flush() waits for the notice's SHA-256, computed right after start-up.
      await ck.flush();
      const receipt = ck.acceptAll();
      await ck.flush();
      return { receipt, local: ck.receipts().at(-1), stored: localStorage.getItem('consentkit:notices') };
    });
  const first = await decide();
  expect(first.receipt.shownHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(first.local?.ack).toMatchObject({ v: 1, receipt: first.receipt.id, subject: first.receipt.subject, keyId: key.keyId });
  expect(await verify(first.local?.ack)).toBe('present');
  expect(sent()).toEqual(['POST /receipts', 'POST /notices']);
  const archived = await fetch(ledger.at('/notices/' + first.receipt.shownHash));
  expect(archived.status).toBe(200);
  expect(await archived.json()).toMatchObject({ v: 1, language: 'en', banner: { title: 'Cookies' } });

  // Even a ledger that lost it and asks again gets no second upload from this browser.
  const file = new Database(ledger.db);
  file.prepare('DELETE FROM notices').run();
  file.close();
  expect(await proof.missingNotices([first.receipt.shownHash])).toEqual([first.receipt.shownHash]);
  await page.reload();
  const second = await decide();
  expect(second.receipt.shownHash).toBe(first.receipt.shownHash);
  expect(second.local?.ack?.receipt).toBe(second.receipt.id);
  expect(await verify(second.local?.ack)).toBe('present');
  expect(sent()).toEqual(['POST /receipts', 'POST /notices', 'POST /receipts']);
  expect((await fetch(ledger.at('/notices/' + first.receipt.shownHash))).status).toBe(404);
  expect(JSON.parse(second.stored ?? '[]')).toEqual([first.receipt.shownHash]);
  await context.close();
});
