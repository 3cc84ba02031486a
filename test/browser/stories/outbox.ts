import { beforeAll, expect, test } from 'vitest';
import { createTestLedger } from '../../sync/ledger';
import { BANNER, shopPage, type Shop } from './shop';

/** A decision reaches the ledger even when the ledger is down at first. */
export function outboxStories(shop: Shop): void {
  const ledger = createTestLedger();
  beforeAll(() => {
    shop.server.page('/outbox', shopPage(shop.server.port, { attributes: ' data-endpoint="/api/consent"' }));
    shop.server.route('/api/consent/receipts', ledger.route);
  });

  test('a decision answered with 503 waits in the outbox and is delivered, stored once, after a reload', async () => {
    ledger.stored.clear();
    ledger.posts.length = 0;
    // Down for an hour, says the ledger: the page must not count on a retry of its own.
    ledger.answer([503, { 'retry-after': '3600' }]);
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
}
