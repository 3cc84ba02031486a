import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { launchChromium } from './chromium';

// One server reached under several names: the shop (www.shop.test), a tracker
// the page tags (tracker.test) and one its own scripts load (cdn.ads.test).
// Whatever is not the shop counts as a request that reached a tracker.
let browser: Browser;
let server: TestServer;
let shop: string;
let tracker: string;
let ads: string;

const GIF = Buffer.from('R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==', 'base64');

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchChromium(['--host-resolver-rules=MAP *.shop.test 127.0.0.1,MAP tracker.test 127.0.0.1,MAP *.ads.test 127.0.0.1']),
    startTestServer(),
  ]);
  shop = `http://www.shop.test:${server.port}`;
  tracker = `http://tracker.test:${server.port}`;
  ads = `http://cdn.ads.test:${server.port}`;
  for (const name of ['a', 'b', 'late', 'dyn']) {
    server.route(`/${name}.js`, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(`ranLog.push('${name}')`);
    });
  }
  for (const name of ['/pixel.gif', '/dyn.gif']) {
    server.route(name, (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store' });
      res.end(GIF);
    });
  }
  server.page('/frame.html', '<p>video</p>');
  server.page('/', shopPage());
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

function shopPage(): string {
  return `<!doctype html><html lang="en"><head>
<script>window.ranLog = []; window.consentkitConfig = {
  blocking: { '*.ads.test': 'analytics' },
  categories: { marketing: { services: [{ name: 'Pixel', cookies: ['_fbp'] }] } }
};</script>
<script src="/consentkit.min.js"></script>
<script type="text/plain" data-consent="analytics" src="${tracker}/a.js"></script>
<script type="text/plain" data-consent="analytics">ranLog.push('inline-1')</script>
<script type="text/plain" data-consent="marketing" src="${tracker}/b.js"></script>
<script type="text/plain" data-consent="analytics marketing">ranLog.push('inline-2')</script>
</head><body>
<img data-consent="marketing" data-src="${tracker}/pixel.gif" alt="">
<iframe data-consent="marketing" data-service="Video" data-src="${tracker}/frame.html"></iframe>
<script>
  // The site's own code loading trackers: caught by auto-blocking.
  const s = document.createElement('script');
  s.src = '${ads}/dyn.js';
  document.head.append(s);
  new Image().src = '${ads}/dyn.gif';
  // Tagged elements inserted after start-up.
  setTimeout(() => document.body.insertAdjacentHTML('beforeend',
    '<div><script type="text/plain" data-consent="analytics" src="${tracker}/late.js"><\\/script>' +
    '<script type="text/plain" data-consent="analytics">ranLog.push("late-inline")<\\/script></div>'));
</script>
</body></html>`;
}

/** Requests that reached a tracker, as "host/path", in order. */
const trackerHits = () =>
  server.requests.filter((r) => !r.headers.host?.startsWith('www.shop.test')).map((r) => `${r.headers.host?.split(':')[0]}${r.path}`);

async function open(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(shop + '/', { waitUntil: 'networkidle' });
  return page;
}

const ranLog = (page: Page) => page.evaluate(() => (window as unknown as { ranLog: string[] }).ranLog);
const waitForRun = (page: Page, count: number) =>
  page.waitForFunction((n) => (window as unknown as { ranLog: string[] }).ranLog.length >= n, count);
const TAGGED = ['a', 'inline-1', 'b', 'inline-2'];
const EVERYTHING = [...TAGGED, 'dyn', 'late', 'late-inline'];

test('nothing reaches the tracker before consent; after "Accept all" everything runs once, in order, and again after reload without a click', async () => {
  server.requests.length = 0;
  const context = await browser.newContext();
  const page = await open(context);
  expect(await ranLog(page)).toEqual([]);
  expect(trackerHits()).toEqual([]);

  await page.evaluate(() => window.consentkit!.acceptAll());
  await waitForRun(page, EVERYTHING.length);
  const once = ['tracker.test/a.js', 'tracker.test/b.js', 'tracker.test/pixel.gif', 'tracker.test/frame.html', 'cdn.ads.test/dyn.js', 'cdn.ads.test/dyn.gif', 'tracker.test/late.js'];
  // Not 'networkidle': Playwright's can stall on an iframe that starts loading after the page did.
  await expect.poll(() => trackerHits().length).toBeGreaterThanOrEqual(once.length);
  const ran = await ranLog(page);
  // Tagged elements in document order; the released and late ones after them.
  expect(ran.slice(0, 4)).toEqual(TAGGED);
  expect([...ran].sort()).toEqual([...EVERYTHING].sort());
  expect(ran.indexOf('late')).toBeLessThan(ran.indexOf('late-inline'));
  expect([...trackerHits()].sort()).toEqual([...once].sort());
  expect(await page.locator('iframe').getAttribute('src')).toBe(`${tracker}/frame.html`);

  server.requests.length = 0;
  await page.reload();
  await waitForRun(page, EVERYTHING.length);
  await expect.poll(() => trackerHits().length).toBeGreaterThanOrEqual(once.length);
  // The site's own code now runs as it comes; the tagged scripts keep their order.
  expect((await ranLog(page)).filter((name) => TAGGED.includes(name))).toEqual(TAGGED);
  expect([...trackerHits()].sort()).toEqual([...once].sort());
  expect((page as Page & { errors: string[] }).errors).toEqual([]);
  await context.close();
});

test('a refusal keeps the tracker silent across reloads', async () => {
  server.requests.length = 0;
  const context = await browser.newContext();
  const page = await open(context);
  await page.evaluate(() => window.consentkit!.rejectAll());
  await page.reload({ waitUntil: 'networkidle' });
  await page.reload({ waitUntil: 'networkidle' });
  expect(await ranLog(page)).toEqual([]);
  expect(trackerHits()).toEqual([]);
  await context.close();
});

test('the placeholder button loads the video and records a receipt with source "placeholder"', async () => {
  const context = await browser.newContext();
  const page = await open(context);
  const frame = page.frameLocator('iframe');
  await page.getByRole('button', { name: 'Load Video (accept Marketing cookies)' }).click();
  await expect(frame.locator('p').textContent()).resolves.toBe('video');
  const receipt = await page.evaluate(() => window.consentkit!.receipts().at(-1));
  expect(receipt).toMatchObject({ source: 'placeholder', categories: { marketing: true, analytics: false } });
  await context.close();
});

test('withdrawing marketing deletes its cookie on the parent domain, says so, and reloads once', async () => {
  const context = await browser.newContext();
  const page = await open(context);
  await page.evaluate(() => window.consentkit!.acceptAll());
  await waitForRun(page, EVERYTHING.length);
  // What a tracker sets for every subdomain, and on a path.
  await page.evaluate(() => {
    document.cookie = '_fbp=fb.1; domain=.shop.test; path=/';
    document.cookie = '_fbp=fb.2; path=/';
  });
  expect((await context.cookies()).filter((c) => c.name == '_fbp').map((c) => c.domain).sort()).toEqual(['.shop.test', 'www.shop.test']);
  const [, clear] = await Promise.all([
    page.waitForEvent('load'),
    page.evaluate(() => {
      let detail: unknown;
      addEventListener('consentkit:clear', (e) => (detail = (e as CustomEvent).detail));
      window.consentkit!.withdraw('marketing');
      return detail;
    }),
  ]);
  expect(clear).toEqual({ categories: ['marketing'], removed: ['_fbp'], remaining: [] });
  expect((await context.cookies()).map((c) => c.name)).not.toContain('_fbp');
  // After the reload only analytics runs.
  await waitForRun(page, 5);
  await page.waitForLoadState('networkidle');
  expect([...(await ranLog(page))].sort()).toEqual(['a', 'dyn', 'inline-1', 'late', 'late-inline']);
  await context.close();
});

test('under a strict nonce-based CSP, tagged scripts with the nonce run', async () => {
  server.page(
    '/csp',
    `<!doctype html><html><head><script nonce="r4nd0m">window.ranLog = []</script>
<script nonce="r4nd0m" src="/consentkit.min.js"></script>
<script type="text/plain" data-consent="analytics" nonce="r4nd0m">ranLog.push('inline')</script>
<script type="text/plain" data-consent="analytics" nonce="r4nd0m" src="${tracker}/a.js"></script>
</head><body></body></html>`,
    { 'content-security-policy': "script-src 'nonce-r4nd0m'" },
  );
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => m.type() == 'error' && violations.push(m.text()));
  await page.goto(shop + '/csp');
  await page.evaluate(() => window.consentkit!.acceptAll());
  await waitForRun(page, 2);
  expect(await ranLog(page)).toEqual(['inline', 'a']);
  expect(violations.filter((v) => /Content Security Policy/.test(v))).toEqual([]);
  await context.close();
});
