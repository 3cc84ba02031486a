import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { PASSWORDS, startConsoleLedger, type ConsoleLedger } from '../server/console/consoleFixture';
import { de } from '../../src/ui/texts/de';
import { en } from '../../src/ui/texts/en';
import { pt } from '../../src/ui/texts/pt';
import { launchChromium } from './chromium';

// A visitor whose browser speaks Austrian German (or Brazilian Portuguese), on
// a page without <html lang>, in real Chromium: the per-language build, the
// all-languages build and the ledger-served script each greet them in their
// language with the one script the page names, and the default build in English.
// Each step waits on the page, never on the clock: the 60 s limits only leave
// room for a loaded machine.
let browser: Browser;
let site: TestServer;
let ledger: ConsoleLedger;
const DIST = new URL('../../dist/', import.meta.url);
const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** axe-core's WCAG 2.x A/AA violations in consentkit's panels (the test page itself has no <html lang> on purpose), as `rule: targets`. */
async function axe(page: import('playwright-core').Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run;
    const result = await run({ include: [['.ck']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

beforeAll(async () => {
  [browser, site, ledger] = await Promise.all([
    launchChromium(),
    startTestServer(),
    startConsoleLedger({ assets: fileURLToPath(DIST) }, { origins: ['*'] }),
  ]);
  for (const file of ['consentkit.de.min.js', 'consentkit.all.min.js']) {
    site.route(`/${file}`, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(readFileSync(new URL(file, DIST)));
    });
  }
  // The site's editor ticks German in the console, checks the preview, and publishes.
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(ledger.server.endpoint + '/console/');
  await page.getByLabel('Name').fill('ed');
  await page.getByLabel('Password').fill(PASSWORDS.ed);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Policy and signals' }).click();
  const languages = page.getByRole('group', { name: 'Languages of the banner (English and French are always offered)' });
  expect(await languages.getByRole('checkbox').evaluateAll((boxes) => boxes.map((box) => box.parentElement!.textContent))).toEqual(['Deutsch', 'Español', 'Italiano', 'Nederlands', 'Português', 'Polski']);
  await languages.getByRole('checkbox', { name: 'Deutsch' }).check();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('status').getByText('Draft saved.').waitFor();
  await page.getByRole('link', { name: 'Preview' }).click();
  await page.getByRole('radio', { name: 'de', exact: true }).check();
  await page.frameLocator('iframe[title^="Preview"]').getByRole('button', { name: de.rejectAll }).waitFor();
  await page.getByRole('link', { name: 'Versions' }).click();
  await page.getByRole('button', { name: 'Publish the draft' }).click();
  await page.getByRole('status').getByText('Version 1 published.').waitFor();
  await context.close();
}, 60_000);
afterAll(async () => {
  await Promise.all([browser?.close(), site?.close(), ledger?.close()]);
});

/**
 * Opens a page with no <html lang> and one script tag, in a browser set to
 * `locale`; returns the banner's buttons, its lang, and every script the page
 * requested before the banner showed.
 */
async function visit(src: string, locale: string) {
  const context = await browser.newContext({ locale });
  try {
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    const path = `/page-${locale}-${scripts.length}-${Math.random().toString(36).slice(2)}`;
    site.page(path, `<!doctype html><html><head><title>Shop</title><script src="${src}"></script></head><body><main><h1>Shop</h1></main></body></html>`);
    await page.goto(site.origin + path);
    const banner = page.getByRole('region', { name: 'Cookies' });
    await banner.waitFor();
    const buttons = await banner.getByRole('button').allTextContents();
    const lang = await banner.getAttribute('lang');
    return { page, context, buttons, lang, scripts: [...scripts], languages: await page.evaluate(() => navigator.languages) };
  } catch (error) {
    await context.close();
    throw error;
  }
}
const bannerOf = (t: typeof en) => [t.acceptAll, t.rejectAll, t.customize, t.dismiss];

test('a de-AT browser on dist/consentkit.de.min.js gets the German banner and dialog, from one script', async () => {
  const { page, context, buttons, lang, scripts, languages } = await visit('/consentkit.de.min.js', 'de-AT');
  try {
    expect(languages[0]).toBe('de-AT');
    expect(buttons).toEqual(bannerOf(de));
    expect(lang).toBe('de');
    expect(scripts).toEqual([site.origin + '/consentkit.de.min.js']);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: de.customize }).click();
    const dialog = page.getByRole('dialog', { name: de.dialogTitle });
    await dialog.getByRole('switch', { name: de.necessary }).waitFor();
    expect(await axe(page)).toEqual([]);
    await dialog.getByRole('button', { name: de.rejectAll }).click();
    const receipt = await page.evaluate(() => (window as unknown as { consentkit: { receipts(): Array<{ language: string; action: string }> } }).consentkit.receipts()[0]);
    expect(receipt).toMatchObject({ language: 'de', action: 'reject-all' });
  } finally {
    await context.close();
  }
}, 60_000);

test('a de-AT browser on the ledger-served script of a site with German enabled gets the German banner, from that one script', async () => {
  const src = `${ledger.server.endpoint}/consentkit.js`;
  const { context, buttons, lang, scripts } = await visit(src, 'de-AT');
  await context.close();
  expect(buttons).toEqual(bannerOf(de));
  expect(lang).toBe('de');
  expect(scripts).toEqual([src]);
}, 60_000);

test('a pt-BR browser on dist/consentkit.all.min.js gets Portuguese; a de-AT browser on the default build gets English', async () => {
  const all = await visit('/consentkit.all.min.js', 'pt-BR');
  await all.context.close();
  expect([all.buttons, all.lang]).toEqual([bannerOf(pt), 'pt']);
  const plain = await visit('/consentkit.min.js', 'de-AT');
  await plain.context.close();
  expect([plain.buttons, plain.lang, plain.scripts]).toEqual([bannerOf(en), 'en', [site.origin + '/consentkit.min.js']]);
}, 60_000);
