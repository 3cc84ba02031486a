import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, onTestFinished, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { parsePublicKey, verifyAck } from '../../src/server/index';
import { startFailingFront } from '../helpers/failingFront';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { startTempLedger } from '../server/ledgerFixture';
import { idsIn, receiptPosts } from '../sync/helpers';
import { launchChromium } from './chromium';

let browser: Browser;
let server: TestServer;
const html = (body: string, endpoint: string) =>
  `<!doctype html><html lang="en"><head><script src="/consentkit.min.js" data-endpoint="${endpoint}" data-policy-version="2018-05-24"></script></head><body>${body}</body></html>`;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
  server.page('/next', '<!doctype html><html lang="en"><body><p>Next page, without consentkit</p></body></html>');
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

/**
 * The real ledger (its HTTP server, an SQLite file in a temp folder) on an
 * origin of its own that allows the site's, and the front the page reaches it
 * through: it forwards everything, records the traffic, and fails the
 * requests a test names, as a network or a proxy would.
 */
async function startLedger() {
  const ledger = await startTempLedger({ origins: [server.origin], clock: () => Date.now() });
  const front = await startFailingFront(ledger.server.url);
  onTestFinished(async () => {
    await front.close();
    await ledger.close();
  });
  return { ledger, front };
}

test('a decision taken offline is delivered, once, by the next page load online', async () => {
  const { ledger, front } = await startLedger();
  server.page('/offline', html('<p>Offline</p>', front.endpoint));
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.origin + '/offline');
  // Offline: the browser says so, and nothing gets through. Chromium's offline emulation stops the
  // page's own requests but lets keepalive sends and beacons out, so the network goes down as well.
  await context.setOffline(true);
  await front.close();
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
  expect(front.requests).toEqual([]);

  await context.setOffline(false);
  const back = await startFailingFront(ledger.server.url, { port: Number(new URL(front.endpoint).port) });
  onTestFinished(() => back.close());
  const next = await context.newPage();
  const delivered = next.waitForResponse((r) => r.url() === back.endpoint + '/receipts' && r.request().method() === 'POST');
  await next.goto(server.origin + '/offline');
  // 201, or 200 when a late send of the closed page (its beacon, its keepalive fetch) got there first.
  expect([200, 201]).toContain((await delivered).status());
  expect(idsIn((await delivered).request().postData() ?? '')).toEqual([offline.id]);
  await next.waitForFunction(() => localStorage.getItem('consentkit:outbox') === null);
  expect(receiptPosts(back).every((post) => post.ids.join() === offline.id)).toBe(true);
  expect(await ledger.storedIds()).toEqual([offline.id]);
  await context.close();
});

test('a decision taken right before leaving the page arrives by beacon, stored once', async () => {
  const { ledger, front } = await startLedger();
  // The page's own sends fail (the network fails their CORS preflights); a beacon needs none.
  front.fail('OPTIONS /receipts', ...Array<number>(5).fill(503));
  server.page('/leave', html('<p>Leave</p>', front.endpoint));
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.origin + '/leave');
  const id = await page.evaluate(() => {
    const receipt = window.consentkit!.acceptAll();
    setTimeout(() => (location.href = '/next'));
    return receipt.id;
  });
  await page.waitForURL('**/next');
  const beacons = () => front.exchanges.filter((e) => e.route === 'POST /receipts' && e.contentType?.startsWith('text/plain;'));
  await expect.poll(() => beacons().length).toBeGreaterThan(0);
  await expect.poll(() => ledger.storedIds()).toEqual([id]);
  // Leaving fires both visibilitychange and pagehide, and each hands the outbox to a beacon:
  // the same receipt may come twice, and the ledger keeps it once.
  expect(new Set(beacons().flatMap((e) => idsIn(e.body)))).toEqual(new Set([id]));
  expect(front.exchanges.filter((e) => e.route === 'POST /receipts').every((e) => e.contentType?.startsWith('text/plain;'))).toBe(true);
  await context.close();
});

test('a decision is acknowledged: ck.receipts() shows the ack, and the notice is uploaded once, not again on reload', async () => {
  const { ledger, front } = await startLedger();
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
