import { expect, test } from 'vitest';
import type { Cookie } from '../engines';
import { ANALYTICS_ONLY, BANNER, DIALOG, EVERYTHING, TAGGED, ranLog, settled, waitForRun, type Shop } from './shop';

const TRACKED_ONCE = [
  'cdn.ads.test/dyn.gif',
  'cdn.ads.test/dyn.js',
  'tracker.test/a.js',
  'tracker.test/b.js',
  'tracker.test/frame.html',
  'tracker.test/late.js',
  'tracker.test/pixel.gif',
];

/** First visit, the three answers on the banner, late elements and withdrawal. */
export function decisionStories(shop: Shop): void {
  test('before any choice the banner asks, and nothing reaches a tracker, runs, or sets a cookie', async () => {
    const { session, page } = await shop.visit();
    expect(await page.waitToSee('region', 'Cookies')).toBe(true);
    expect(await page.names('button', BANNER)).toEqual(['Accept all', 'Reject all', 'Customize', 'Continue without accepting']);
    await settled(page);
    expect(await ranLog(page)).toEqual([]);
    expect(shop.trackerHits()).toEqual([]);
    // The video waits behind its placeholder, whose button offers to load it.
    expect(await page.sees('button', 'Load Video (accept Marketing cookies)')).toBe(true);
    expect(await page.evaluate(() => document.querySelector('iframe')?.hasAttribute('src'))).toBe(false);
    expect(await session.cookies(shop.url())).toEqual([]);
  });

  test('"Accept all" runs every tag once, in order, and holds across a reload without asking again', async () => {
    const { session, page } = await shop.visit();
    await page.click('button', 'Accept all', BANNER);
    await waitForRun(page, EVERYTHING.length);
    await expect.poll(() => shop.trackerHits().length).toBeGreaterThanOrEqual(TRACKED_ONCE.length);
    expect((await ranLog(page)).slice(0, 4)).toEqual(TAGGED);
    expect([...(await ranLog(page))].sort()).toEqual([...EVERYTHING].sort());
    expect([...shop.trackerHits()].sort()).toEqual(TRACKED_ONCE);
    expect(await page.sees('region', 'Cookies')).toBe(false);
    // The consent cookie: first-party, Lax, for the whole site, kept six months (182 days).
    const [cookie] = await session.cookies(shop.url());
    expect(cookie).toMatchObject({ name: 'consentkit', domain: 'www.shop.test', path: '/', sameSite: 'Lax' });
    expect(((cookie?.expires ?? 0) - Date.now() / 1000) / 86_400).toBeCloseTo(182, 0);

    shop.server.requests.length = 0;
    await page.reload();
    await waitForRun(page, EVERYTHING.length);
    await expect.poll(() => shop.trackerHits().length).toBeGreaterThanOrEqual(TRACKED_ONCE.length);
    expect((await ranLog(page)).filter((name) => TAGGED.includes(name))).toEqual(TAGGED);
    expect([...shop.trackerHits()].sort()).toEqual(TRACKED_ONCE);
    expect(await page.sees('region', 'Cookies')).toBe(false);
    expect(await page.sees('button', 'Cookie settings')).toBe(true);
  });

  for (const answer of ['Reject all', 'Continue without accepting']) {
    test(`"${answer}" keeps every tracker silent across two reloads, and the banner does not come back`, async () => {
      const { session, page } = await shop.visit();
      await page.click('button', answer, BANNER);
      expect(await page.waitUntilGone('region', 'Cookies')).toBe(true);
      for (let i = 0; i < 2; i++) {
        await page.reload();
        await settled(page);
        expect(await page.sees('region', 'Cookies')).toBe(false);
        expect(await page.sees('button', 'Cookie settings')).toBe(true);
      }
      expect(await ranLog(page)).toEqual([]);
      expect(shop.trackerHits()).toEqual([]);
      expect((await session.cookies(shop.url())).map((c) => c.name)).toEqual(['consentkit']);
      const action = await page.evaluate(() => window.consentkit!.receipts().map((r) => r.action));
      expect(action).toEqual([answer === 'Reject all' ? 'reject-all' : 'dismiss']);
    });
  }

  test('late elements: those inserted before the choice wait for it; after it, only the granted category runs', async () => {
    const { page } = await shop.visit();
    await settled(page);
    expect(await ranLog(page)).toEqual([]);
    await page.click('button', 'Customize', BANNER);
    await page.click('switch', 'Analytics', DIALOG);
    await page.click('button', 'Save my choices', DIALOG);
    await waitForRun(page, ANALYTICS_ONLY.length);
    expect([...(await ranLog(page))].sort()).toEqual([...ANALYTICS_ONLY].sort());

    // The site inserts more tagged scripts after the decision.
    await page.evaluate((origin) => {
      document.body.insertAdjacentHTML(
        'beforeend',
        `<script type="text/plain" data-consent="marketing" src="${origin}/later-marketing.js"></script>` +
          `<script type="text/plain" data-consent="analytics" src="${origin}/later.js"></script>`,
      );
    }, `http://tracker.test:${shop.server.port}`);
    await page.waitFor(() => (window as unknown as { ranLog: string[] }).ranLog.includes('later'));
    expect((await ranLog(page)).filter((name) => name.startsWith('later'))).toEqual(['later']);
    expect(shop.trackerHits()).not.toContain('tracker.test/later-marketing.js');
    expect(shop.trackerHits()).not.toContain('tracker.test/b.js');
  });

  test("the video's placeholder button grants marketing alone, loads the video and records where the choice was made", async () => {
    const { page } = await shop.visit();
    await settled(page);
    await page.click('button', 'Load Video (accept Marketing cookies)');
    await expect.poll(() => shop.trackerHits()).toContain('tracker.test/frame.html');
    expect(await page.evaluate(() => document.querySelector('iframe')?.getAttribute('src'))).toBe(`http://tracker.test:${shop.server.port}/frame.html`);
    await page.waitFor(() => (window as unknown as { ranLog: string[] }).ranLog.includes('b'));
    expect((await ranLog(page)).filter((name) => TAGGED.includes(name))).toEqual(['b']);
    const receipt = await page.evaluate(() => window.consentkit!.receipts().at(-1));
    expect(receipt).toMatchObject({ source: 'placeholder', categories: { marketing: true, analytics: false } });
  });

  test('withdrawing marketing in the dialog deletes its cookie on every domain and path it was set on, keeps analytics, and reloads once', async () => {
    const { session, page } = await shop.visit('/shop/cart');
    await page.click('button', 'Accept all', BANNER);
    await waitForRun(page, EVERYTHING.length);
    // What trackers set: for the whole site, for the host alone, for the host as a domain, for a section
    // of the site; and analytics' own.
    await page.evaluate(() => {
      document.cookie = '_fbp=site; domain=shop.test; path=/';
      document.cookie = '_fbp=host-only; path=/';
      document.cookie = '_fbp=host-domain; domain=www.shop.test; path=/';
      document.cookie = '_fbp=section; path=/shop';
      document.cookie = '_ga=stats; domain=shop.test; path=/';
    });
    const where = (cookies: Cookie[], name: string) => cookies.filter((c) => c.name === name).map((c) => c.domain + c.path).sort();
    // Polled: a cookie set by document.cookie reaches the browser's cookie store a moment later (CI under load missed them).
    await expect.poll(async () => where(await session.cookies(shop.url('/shop/cart')), '_fbp')).toEqual(['.shop.test/', '.www.shop.test/', 'www.shop.test/', 'www.shop.test/shop']);

    await page.evaluate(() => ((window as unknown as { loads: number }).loads = 1));
    await page.click('button', 'Cookie settings');
    await page.click('switch', 'Marketing', DIALOG);
    await page.click('button', 'Save my choices', DIALOG);
    // The reload: a new document, where only analytics runs.
    expect(await page.waitFor(() => !('loads' in window) && 'pageSettled' in window, undefined, 10_000)).toBe(true);
    await waitForRun(page, ANALYTICS_ONLY.length);
    expect([...(await ranLog(page))].sort()).toEqual([...ANALYTICS_ONLY].sort());
    const after = await session.cookies(shop.url('/shop/cart'));
    expect(where(after, '_fbp')).toEqual([]);
    expect(after.map((c) => `${c.name}@${c.domain}${c.path}`).sort()).toEqual(['_ga@.shop.test/', 'consentkit@www.shop.test/']);
  });
}
