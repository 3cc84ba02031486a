import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

/** A page in `lang` whose dialog lists services, so that it is long enough to scroll on a phone. */
const servicesPage = (lang: string) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Shop</title>
<script>window.consentkitConfig = { categories: {
  preferences: { services: [{ name: 'Language memory', provider: 'shop.example', cookies: ['lang'] }] },
  analytics: { services: [{ name: 'Audience statistics', provider: 'stats.example', purpose: 'Counting visits', duration: '13 months', cookies: ['_pk_id.*', '_pk_ses.*'] }] },
  marketing: { services: [{ name: 'Video embeds', provider: 'video.example', cookies: ['VISITOR_INFO1_LIVE', 'YSC'] }, { name: 'Ad pixel', provider: 'ads.example', cookies: ['_fbp'] }] },
} };</script>
<script src="/consentkit.min.js" data-policy-version="2018-05-24" data-policy-url="/privacy"></script></head>
<body><main><h1>Shop</h1>${links}</main></body></html>`;

const NAMES = {
  en: { customize: 'Customize', dialog: 'Cookie preferences' },
  fr: { customize: 'Personnaliser', dialog: 'Préférences des cookies' },
} as const;

/** Opens the dialog at `viewport`, every "Services" list unfolded. */
async function openDialog(lang: 'en' | 'fr', viewport: { width: number; height: number }) {
  server.page(`/services-${lang}`, servicesPage(lang));
  const page = await browser.newPage({ viewport });
  await page.goto(`${server.origin}/services-${lang}`);
  await page.getByRole('region', { name: 'Cookies' }).getByRole('button', { name: NAMES[lang].customize }).click();
  const dialog = page.getByRole('dialog', { name: NAMES[lang].dialog });
  await dialog.waitFor();
  for (const summary of await dialog.locator('summary').all()) await summary.click();
  return { page, dialog };
}

/** For each button of `selector`, how many lines its text takes. */
const lineCounts = (page: Page, selector: string) =>
  page.evaluate(
    (selector) =>
      [...document.querySelectorAll(selector)].map((button) => {
        const range = document.createRange();
        range.selectNodeContents(button);
        const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        return `${button.textContent}: ${tops.size}`;
      }),
    selector,
  );

for (const lang of ['en', 'fr'] as const) {
  test(`${lang}: the banner takes at most 30 % of a 360 × 740 phone screen, every control in sight`, async () => {
    server.page(`/phone-${lang}`, html().replace('lang="en"', `lang="${lang}"`));
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.origin}/phone-${lang}`);
    const banner = page.getByRole('region', { name: 'Cookies' });
    await banner.waitFor();
    const box = (await banner.boundingBox())!;
    expect(box.height / 740).toBeLessThanOrEqual(0.3);
    expect(box.y + box.height).toBe(740);
    for (const button of await banner.getByRole('button').all()) expect(await button.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.querySelector('.ck-b')!.scrollHeight - document.querySelector('.ck-b')!.clientHeight)).toBe(0);
    await page.close();
  });

  test(`${lang}: from 400 px wide, no button's text wraps, in the banner or the dialog`, async () => {
    const { page } = await openDialog(lang, { width: 400, height: 800 });
    for (const width of [400, 600, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      const everyButton = [...(await lineCounts(page, '.ck-b button')), ...(await lineCounts(page, '.ck-d button'))];
      expect(everyButton.filter((line) => !line.endsWith(': 1')), `${width} px`).toEqual([]);
      expect(everyButton).toHaveLength(8);
      // Nothing sticks out sideways either.
      expect(await page.evaluate(() => [...document.querySelectorAll('.ck-b, .ck-d, html')].map((e) => e.scrollWidth - e.clientWidth))).toEqual([0, 0, 0]);
    }
    await page.close();
  });

  test(`${lang}: on a 360 px phone the dialog scrolls and its buttons stay in sight at its foot`, async () => {
    const { page, dialog } = await openDialog(lang, { width: 360, height: 640 });
    const scrollable = await dialog.evaluate((d) => d.scrollHeight - d.clientHeight);
    expect(scrollable).toBeGreaterThan(100);
    // Which of the dialog's buttons a tap at its centre would reach, with the dialog scrolled to `top`.
    const reachable = (top: number) =>
      dialog.evaluate((d, top) => {
        d.scrollTop = top;
        const box = d.getBoundingClientRect();
        return [...d.querySelectorAll('.ck-r button')].filter((button) => {
          const r = button.getBoundingClientRect();
          const inside = r.top >= box.top && r.bottom <= box.bottom && r.bottom <= innerHeight;
          return inside && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === button;
        }).length;
      }, top);
    expect([await reachable(0), await reachable(scrollable / 2), await reachable(scrollable)]).toEqual([4, 4, 4]);
    await page.close();
  });

  test(`${lang}: on a 360 px phone, every control Tab reaches in the dialog is in sight, never under its sticky buttons (WCAG 2.4.11)`, async () => {
    const { page, dialog } = await openDialog(lang, { width: 360, height: 640 });
    expect(await dialog.evaluate((d) => [...d.querySelectorAll('details')].every((details) => details.open))).toBe(true);
    const obscured: string[] = [];
    const visited = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const seen = await page.evaluate(() => {
        const focused = document.activeElement as HTMLElement;
        const r = focused.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        const label = (focused as HTMLInputElement).labels?.[0];
        const reachable = hit === focused || (label !== undefined && label.contains(hit));
        const where = [...document.querySelectorAll('dialog *')].indexOf(focused);
        return { name: `${label?.textContent ?? focused.textContent} #${where}`, reachable };
      });
      // Once round the focus trap.
      if (visited.has(seen.name)) break;
      visited.add(seen.name);
      if (!seen.reachable) obscured.push(seen.name);
      await page.keyboard.press('Tab');
    }
    expect(visited.size).toBeGreaterThan(10);
    expect(obscured).toEqual([]);
    await page.close();
  });
}

test('the switches: drawn on the native checkbox, same role, name, state and keyboard; on, off, mixed and locked look different', async () => {
  const { page, dialog } = await openDialog('en', { width: 800, height: 800 });
  const analytics = dialog.getByRole('switch', { name: 'Analytics' });
  const looks = () => analytics.screenshot();
  expect(await analytics.evaluate((input: HTMLInputElement) => [getComputedStyle(input).appearance, input.type])).toEqual(['none', 'checkbox']);
  // A 24 × 24 px target at least (WCAG 2.5.8).
  const box = (await analytics.boundingBox())!;
  expect([box.width >= 24, box.height >= 24]).toEqual([true, true]);

  const off = await looks();
  await analytics.focus();
  await page.keyboard.press('Space');
  expect(await analytics.isChecked()).toBe(true);
  expect(await dialog.getByRole('switch', { name: 'Analytics', checked: true }).count()).toBe(1);
  // The focus ring shows from the keyboard.
  expect(await analytics.evaluate((input) => getComputedStyle(input).outlineStyle)).toBe('solid');
  await analytics.blur();
  const on = await looks();
  await analytics.evaluate((input: HTMLInputElement) => {
    input.indeterminate = true;
    input.setAttribute('aria-checked', 'mixed');
  });
  const mixed = await looks();
  expect([off.equals(on), on.equals(mixed), off.equals(mixed)]).toEqual([false, false, false]);

  // Strictly necessary: on and locked, and it does not look like an ordinary "on".
  const necessary = dialog.getByRole('switch', { name: 'Strictly necessary' });
  expect([await necessary.isChecked(), await necessary.isDisabled()]).toEqual([true, true]);
  await analytics.evaluate((input: HTMLInputElement) => {
    input.indeterminate = false;
    input.removeAttribute('aria-checked');
  });
  expect((await necessary.screenshot()).equals(await looks())).toBe(false);

  // Forced colours (Windows High Contrast): the native checkbox comes back, and on and off still differ.
  await page.emulateMedia({ forcedColors: 'active' });
  expect(await analytics.evaluate((input) => getComputedStyle(input).appearance)).toBe('auto');
  const forcedOn = await looks();
  await analytics.uncheck();
  expect(forcedOn.equals(await looks())).toBe(false);
  expect(await dialog.getByRole('switch').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).labels![0]!.textContent))).toEqual([
    'Strictly necessary',
    'Preferences',
    'Language memory',
    'Analytics',
    'Audience statistics',
    'Marketing',
    'Video embeds',
    'Ad pixel',
  ]);
  await page.close();
});
