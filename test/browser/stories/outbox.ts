import { beforeAll, expect, onTestFinished, test } from 'vitest';
import { startFailingFront } from '../../helpers/failingFront';
import { startTempLedger } from '../../server/ledgerFixture';
import { idsIn, receiptPosts } from '../../sync/helpers';
import { BANNER, shopPage, type Shop } from './shop';

/**
 * The real ledger (its HTTP server, an SQLite file in a temp folder) on an
 * origin of its own that allows the shop's, and the front the shop's /outbox
 * page reaches it through: it forwards everything, records the traffic, and
 * fails the requests a story names, as a network or a proxy would. Both are
 * closed after the story.
 */
async function startLedger(shop: Shop) {
  const origin = new URL(shop.url()).origin;
  const ledger = await startTempLedger({ origins: [origin], clock: () => Date.now() });
  const front = await startFailingFront(ledger.server.url);
  onTestFinished(async () => {
    await front.close();
    await ledger.close();
  });
  shop.server.page('/outbox', shopPage(shop.server.port, { attributes: ` data-endpoint="${front.endpoint}"` }));
  return { ledger, front, origin };
}

/** A decision reaches the ledger even when the ledger is out of reach at first. */
export function outboxStories(shop: Shop): void {
  beforeAll(() => {
    shop.server.page('/catalogue', '<!doctype html><html lang="en"><title>Catalogue</title><h1>Catalogue</h1></html>');
  });

  test('a decision answered with 503 waits in the outbox and is delivered, stored once, after a reload', async () => {
    const { ledger, front, origin } = await startLedger(shop);
    // Down for an hour, says the proxy in front of the ledger, with the CORS headers it adds to every
    // answer (without them the page could not read it): the page must not count on a retry of its own.
    const cors = { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'Retry-After' };
    front.fail('POST /receipts', { status: 503, headers: { 'retry-after': '3600', ...cors } });
    const { page } = await shop.visit('/outbox');
    await page.evaluate(() => {
      const errors: unknown[] = [];
      (window as unknown as { syncErrors: unknown[] }).syncErrors = errors;
      window.consentkit!.on('error', (error) => errors.push(error.detail));
    });
    await page.click('button', 'Accept all', BANNER);
    await expect.poll(() => receiptPosts(front).map((p) => p.status)).toEqual([503]);
    const id = await page.evaluate(() => window.consentkit!.receipts()[0]!.id);
    expect(await page.evaluate(() => localStorage.getItem('consentkit:outbox'))).toContain(id);
    // The page read the answer: it waits the most it ever waits, 5 minutes, rather than retrying in a second.
    await expect.poll(() => page.evaluate(() => (window as unknown as { syncErrors: unknown[] }).syncErrors)).toEqual([{ receipts: [id], status: 503, retryIn: 300_000 }]);

    await page.reload();
    await expect.poll(() => ledger.storedIds(), { timeout: 10_000 }).toEqual([id]);
    expect(await page.waitFor(() => localStorage.getItem('consentkit:outbox') === null, undefined, 10_000)).toBe(true);
    // Whatever carried it (a beacon as the page went, the next page's send), only this receipt was
    // sent, and after the 503 the ledger took each send: 201 the first time, 200 for a copy.
    const posts = receiptPosts(front);
    expect(posts.every((p) => p.ids.join() === id)).toBe(true);
    expect(posts.slice(1).every((p) => p.status === 200 || p.status === 201)).toBe(true);
    expect(await ledger.storedIds()).toEqual([id]);
  });

  test('a decision taken right before following a link arrives by beacon, stored once', async () => {
    const { ledger, front } = await startLedger(shop);
    // The page's own sends fail (the network fails their CORS preflights); a beacon needs none.
    front.fail('OPTIONS /receipts', ...Array<number>(5).fill(503));
    const { page } = await shop.visit('/outbox');
    await page.click('button', 'Accept all', BANNER);
    const id = await page.evaluate(() => window.consentkit!.receipts()[0]!.id);
    await page.click('link', 'Catalogue');
    expect(await page.waitToSee('heading', 'Catalogue')).toBe(true);
    const beacons = () => front.exchanges.filter((e) => e.route === 'POST /receipts' && e.contentType?.startsWith('text/plain;'));
    await expect.poll(() => beacons().length).toBeGreaterThan(0);
    await expect.poll(() => ledger.storedIds()).toEqual([id]);
    // Leaving fires both visibilitychange and pagehide, and each hands the outbox to a beacon:
    // the same receipt may come twice, and the ledger keeps it once.
    expect(new Set(beacons().flatMap((e) => idsIn(e.body)))).toEqual(new Set([id]));
    expect(receiptPosts(front)).toHaveLength(beacons().length);
  });
}
