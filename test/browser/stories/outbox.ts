import { beforeAll, expect, test } from 'vitest';
import { createTestLedger } from '../../sync/ledger';
import { BANNER, shopPage, type Shop } from './shop';

/** A decision reaches the ledger even when the ledger is down at first. */
export function outboxStories(shop: Shop): void {
  const ledger = createTestLedger();
  beforeAll(() => {
    shop.server.page('/outbox', shopPage(shop.server.port, { attributes: ' data-endpoint="/api/consent"' }));
    shop.server.page('/catalogue', '<!doctype html><html lang="en"><title>Catalogue</title><h1>Catalogue</h1></html>');
  });

  test('a decision answered with 503 waits in the outbox and is delivered, stored once, after a reload', async () => {
    ledger.stored.clear();
    ledger.posts.length = 0;
    // Down for an hour, says the ledger: the page must not count on a retry of its own.
    ledger.answer([503, { 'retry-after': '3600' }]);
    shop.server.route('/api/consent/receipts', ledger.route);
    const { page } = await shop.visit('/outbox');
    await page.click('button', 'Accept all', BANNER);
    await expect.poll(() => ledger.posts.map((p) => p.status)).toEqual([503]);
    const id = await page.evaluate(() => window.consentkit!.receipts()[0]!.id);
    expect(await page.evaluate(() => localStorage.getItem('consentkit:outbox'))).toContain(id);

    await page.reload();
    await expect.poll(() => [...ledger.stored.keys()], { timeout: 10_000 }).toEqual([id]);
    expect(await page.waitFor(() => localStorage.getItem('consentkit:outbox') === null, undefined, 10_000)).toBe(true);
    // Whatever carried it (a beacon as the page went, the next page's send), only this receipt was sent.
    expect(ledger.posts.flatMap((p) => p.ids).every((sent) => sent === id)).toBe(true);
    expect(ledger.posts.at(-1)?.status).toBe(200);
    expect([...ledger.stored.keys()]).toEqual([id]);
  });

  test('a decision taken right before following a link arrives by beacon, stored once', async () => {
    const beaconLedger = createTestLedger();
    let beaconArrived = () => {};
    const beacon = new Promise<void>((resolve) => (beaconArrived = resolve));
    shop.server.route('/api/consent/receipts', async (request, response) => {
      if (request.headers['content-type']?.startsWith('text/plain')) beaconArrived();
      // The page's own fetch gets no answer before the beacon: only the beacon can deliver in time.
      else await beacon;
      await beaconLedger.route(request, response);
    });
    try {
      const { page } = await shop.visit('/outbox');
      await page.click('button', 'Accept all', BANNER);
      const id = await page.evaluate(() => window.consentkit!.receipts()[0]!.id);
      await page.click('link', 'Catalogue');
      expect(await page.waitToSee('heading', 'Catalogue')).toBe(true);
      const beacons = () => beaconLedger.posts.filter((p) => p.contentType?.startsWith('text/plain')).map((p) => p.ids);
      await expect.poll(() => beacons().length).toBeGreaterThan(0);
      // Leaving fires both visibilitychange and pagehide, and each hands the outbox to a beacon:
      // the same receipt may come twice, and the ledger keeps it once.
      expect(new Set(beacons().flat())).toEqual(new Set([id]));
      expect([...beaconLedger.stored.keys()]).toEqual([id]);
    } finally {
      beaconArrived();
    }
  });
}
