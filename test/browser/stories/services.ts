import { beforeAll, expect, test } from 'vitest';
import { BANNER, DIALOG, settled, type Shop } from './shop';

/**
 * A page with two services in marketing: a YouTube player (an iframe and its
 * API script) and an ad pixel (a script and an image), each on its own host,
 * so that what reached each vendor can be told apart.
 */
function servicesPage(port: number): string {
  const youtube = `http://youtube.test:${port}`;
  const pixel = `http://pixel.test:${port}`;
  return `<!doctype html><html lang="en"><head><title>Replay</title>
<script>window.ranLog = []; window.consentkitConfig = {
  categories: {
    marketing: { services: [
      { name: 'YouTube', provider: 'Google', cookies: ['YSC'] },
      { name: 'Ad pixel', id: 'ad-pixel', cookies: ['_fbp'] }
    ] }
  }
};</script>
<script src="/consentkit.min.js" data-policy-version="2018-05-24"></script>
<script type="text/plain" data-consent="marketing" data-service="youtube" src="${youtube}/yt-api.js"></script>
<script type="text/plain" data-consent="marketing" data-service="ad-pixel" src="${pixel}/pixel.js"></script>
</head><body><main><h1>Replay</h1>
<iframe data-consent="marketing" data-service="YouTube" data-src="${youtube}/frame.html" title="Webinar replay"></iframe>
<img data-consent="marketing" data-service="ad-pixel" data-src="${pixel}/pixel.gif" alt="">
</main><script>setTimeout(() => (window.pageSettled = true), 300);</script></body></html>`;
}

/** A visitor who allows one service of a category and refuses the other. */
export function servicesStories(shop: Shop): void {
  beforeAll(() => {
    shop.server.page('/replay', servicesPage(shop.server.port));
    for (const script of ['yt-api', 'pixel']) {
      shop.server.route(`/${script}.js`, (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
        res.end(`ranLog.push('${script}')`);
      });
    }
  });

  test('YouTube allowed, the marketing pixel refused, in one category: only YouTube runs and is fetched, across a reload', async () => {
    const { session, page } = await shop.visit('/replay');
    await settled(page);
    // Cookies the two vendors set on an earlier visit, before this visitor was asked.
    await page.evaluate(() => {
      document.cookie = 'YSC=earlier; path=/';
      document.cookie = '_fbp=earlier; path=/';
    });
    await page.click('button', 'Customize', BANNER);
    expect(await page.waitToSee('dialog', 'Cookie preferences')).toBe(true);
    // The services are listed under Marketing's "Services" disclosure: open it as a visitor would.
    await page.evaluate(() => {
      const marketing = [...document.querySelectorAll('dialog li')].find((li) => li.querySelector('label')?.textContent === 'Marketing');
      marketing?.querySelector('summary')?.setAttribute('data-story-target', 'services');
    });
    await page.tab.clickSelector('[data-story-target="services"]');
    expect(await page.names('switch', DIALOG)).toEqual(['Strictly necessary', 'Preferences', 'Analytics', 'Marketing', 'YouTube', 'Ad pixel']);

    await page.click('switch', 'YouTube', DIALOG);
    // Marketing is now part on: assistive technology hears "mixed".
    expect(await page.evaluate(() => {
      const marketing = [...document.querySelectorAll<HTMLInputElement>('dialog input')].find((input) => input.labels?.[0]?.textContent === 'Marketing')!;
      return [marketing.getAttribute('aria-checked'), marketing.indeterminate, marketing.checked];
    })).toEqual(['mixed', true, false]);
    expect(await page.axe()).toEqual([]);
    await page.click('button', 'Save my choices', DIALOG);
    expect(await page.waitUntilGone('dialog', 'Cookie preferences')).toBe(true);

    await page.waitFor(() => (window as unknown as { ranLog: string[] }).ranLog.includes('yt-api'));
    await expect.poll(() => shop.trackerHits()).toContain('youtube.test/frame.html');
    expect(await page.evaluate(() => document.querySelector('iframe')?.getAttribute('src'))).toBe(`http://youtube.test:${shop.server.port}/frame.html`);
    expect(await page.evaluate(() => (window as unknown as { ranLog: string[] }).ranLog)).toEqual(['yt-api']);
    expect([...shop.trackerHits()].sort()).toEqual(['youtube.test/frame.html', 'youtube.test/yt-api.js']);
    const receipt = await page.evaluate(() => window.consentkit!.receipts().at(-1));
    expect(receipt).toMatchObject({ action: 'save', source: 'preferences', categories: { marketing: false }, services: { youtube: true, 'ad-pixel': false } });
    expect(await page.evaluate(() => [window.consentkit!.has('youtube'), window.consentkit!.has('ad-pixel'), window.consentkit!.has('marketing')])).toEqual([true, false, false]);

    // The next page: no banner, YouTube again, the pixel still silent, and its cookie gone while YouTube's stays.
    shop.server.requests.length = 0;
    await page.reload();
    await settled(page);
    await page.waitFor(() => (window as unknown as { ranLog: string[] }).ranLog.includes('yt-api'));
    await expect.poll(() => shop.trackerHits()).toContain('youtube.test/frame.html');
    expect(await page.sees('region', 'Cookies')).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { ranLog: string[] }).ranLog)).toEqual(['yt-api']);
    expect(shop.trackerHits().filter((hit) => hit.startsWith('pixel.test'))).toEqual([]);
    await expect.poll(async () => (await session.cookies(shop.url('/replay'))).map((c) => c.name).sort()).toEqual(['YSC', 'consentkit']);
  });
}
