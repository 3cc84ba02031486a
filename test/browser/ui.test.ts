// Chromium only: light and dark colour schemes (Playwright's emulation), contrast and button sizes.
// The keyboard path, axe on the banner and dialog, and French run in every engine (./stories).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { launchChromium } from './chromium';

let browser: Browser;
let server: TestServer;
const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];
const links = Array.from({ length: 30 }, (_, i) => `<p><a href="#l${i}">Link ${i}</a></p>`).join('');
const html = () => `<!doctype html><html lang="en"><head><title>Shop</title>
<script src="/consentkit.min.js" data-policy-version="2018-05-24" data-policy-url="/privacy"></script></head>
<body><main><h1>Shop</h1>${links}<button>Last</button></main></body></html>`;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
  server.page('/', html());
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

async function axe(page: Page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async (tags) => {
    const result = await (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, TAGS);
}

/** WCAG contrast ratio of two computed colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`${colorScheme}: axe finds no WCAG 2.2 AA violation on the banner nor the open dialog; contrast and equal buttons`, async () => {
    const page = await browser.newPage({ colorScheme });
    await page.goto(server.origin + '/');
    const banner = page.getByRole('region', { name: 'Cookies' });
    await banner.waitFor();
    expect(await axe(page)).toEqual([]);

    const accept = banner.getByRole('button', { name: 'Accept all' });
    const reject = banner.getByRole('button', { name: 'Reject all' });
    const [a, r] = [(await accept.boundingBox())!, (await reject.boundingBox())!];
    expect(Math.abs(a.width - r.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(a.height - r.height)).toBeLessThanOrEqual(2);
    expect(Math.abs(a.y - r.y)).toBeLessThanOrEqual(2);

    const colours = await page.evaluate(() => {
      const css = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      const b = css('.ck-b');
      const button = css('.ck-b .ck-p');
      const other = [...document.querySelectorAll('.ck-b button')][1]!;
      return {
        text: b.color, bg: b.backgroundColor, buttonText: button.color, buttonBg: button.backgroundColor,
        accentWeight: button.fontWeight, rejectWeight: getComputedStyle(other).fontWeight, rejectBg: getComputedStyle(other).backgroundColor,
      };
    });
    expect(contrast(colours.text, colours.bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colours.buttonText, colours.buttonBg)).toBeGreaterThanOrEqual(4.5);
    // The accent is the checked switch's fill and the focus ring: at least 3:1 against the background.
    expect(contrast(colours.buttonBg, colours.bg)).toBeGreaterThanOrEqual(3);
    expect([colours.rejectBg, colours.rejectWeight]).toEqual([colours.buttonBg, colours.accentWeight]);

    await banner.getByRole('button', { name: 'Customize' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cookie preferences' });
    await dialog.waitFor();
    await dialog.getByRole('switch', { name: 'Analytics' }).check();
    expect(await axe(page)).toEqual([]);
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { outline: s.outlineColor, width: s.outlineWidth, bg: getComputedStyle(document.querySelector('dialog')!).backgroundColor };
    });
    expect(contrast(ring.outline, ring.bg)).toBeGreaterThanOrEqual(3);
    await page.close();
  });
}
