import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { launchChromium } from './chromium';

let browser: Browser;
let server: TestServer;
const links = Array.from({ length: 30 }, (_, i) => `<p><a href="#l${i}">Link ${i}</a></p>`).join('');
const html = (head = '', attrs = '') => `<!doctype html><html lang="en"><head><title>Shop</title>${head}
<script src="/consentkit.min.js" data-policy-version="2018-05-24" data-policy-url="/privacy"${attrs}></script></head>
<body><main><h1>Shop</h1>${links}<button>Last</button></main></body></html>`;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
  server.page('/', html());
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

async function open(path: string) {
  const page = await browser.newPage();
  await page.goto(server.origin + path);
  return page;
}

test('no layout shift, and the banner never hides the focused element', async () => {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.goto(server.origin + '/');
  await page.getByRole('region', { name: 'Cookies' }).waitFor();
  const hidden: string[] = [];
  for (let i = 0; i < 36; i++) {
    await page.keyboard.press('Tab');
    const obscured = await page.evaluate(() => {
      const el = document.activeElement!;
      const banner = document.querySelector('.ck-b');
      if (!banner || banner.contains(el)) return null;
      const r = el.getBoundingClientRect();
      return r.top >= banner.getBoundingClientRect().top ? el.textContent : null;
    });
    if (obscured) hidden.push(obscured);
  }
  expect(hidden).toEqual([]);
  const shift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        const add = (list: PerformanceEntryList) => list.forEach((e) => (total += (e as PerformanceEntry & { value: number }).value));
        const po = new PerformanceObserver((list) => add(list.getEntries()));
        po.observe({ type: 'layout-shift', buffered: true });
        requestAnimationFrame(() => requestAnimationFrame(() => {
          add(po.takeRecords());
          po.disconnect();
          resolve(total);
        }));
      }),
  );
  expect(shift).toBe(0);
  await page.close();
});

test('reflows at 320 px: no horizontal scrolling, every control visible', async () => {
  const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
  await page.goto(server.origin + '/');
  const banner = page.getByRole('region', { name: 'Cookies' });
  await banner.waitFor();
  const overflow = () => page.evaluate(() => [...document.querySelectorAll('.ck-b, dialog, html')].map((e) => e.scrollWidth - e.clientWidth));
  expect(await overflow()).toEqual([0, 0]);
  // The banner needs no scrolling of its own: every control shows at once.
  expect(await page.evaluate(() => [...document.querySelectorAll('.ck-b button')].every((b) => b.getBoundingClientRect().bottom <= innerHeight))).toBe(true);
  expect(await page.evaluate(() => document.querySelector('.ck-b')!.scrollHeight - document.querySelector('.ck-b')!.clientHeight)).toBe(0);
  await banner.getByRole('button', { name: 'Customize' }).click();
  await page.getByRole('dialog').waitFor();
  expect((await overflow()).every((d) => d <= 0)).toBe(true);
  await page.close();
});

test("under a strict nonce CSP: styled banner, no violation", async () => {
  const csp = { 'content-security-policy': "script-src 'self' 'nonce-abc'; style-src 'self' 'nonce-abc'" };
  const spy = `<script nonce="abc">window.violations=[];document.addEventListener('securitypolicyviolation',e=>violations.push(e.violatedDirective))</script>`;
  server.page('/csp', html(spy, ' nonce="abc"'), csp);
  const page = await open('/csp');
  const banner = page.getByRole('region', { name: 'Cookies' });
  await banner.waitFor();
  await banner.getByRole('button', { name: 'Customize' }).click();
  await page.getByRole('dialog').waitFor();
  const result = await page.evaluate(() => ({
    violations: (window as unknown as { violations: string[] }).violations,
    position: getComputedStyle(document.querySelector('.ck-b')!).position,
  }));
  expect(result).toEqual({ violations: [], position: 'fixed' });
  await page.close();
});
