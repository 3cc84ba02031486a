import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemo } from './demoFixture';

const demo = useDemo();

const trackerLog = (page: Page) => page.locator('#tracker-log li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.category));
const cookieNames = (page: Page) => page.evaluate(() => document.cookie.split('; ').filter(Boolean).map((c) => c.split('=')[0]));

test('a visitor walks the demo: banner, accept, withdraw marketing, placeholder, records', async () => {
  const context = await demo.browser.newContext();
  const page = await context.newPage();
  const trackerRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/trackers/')) trackerRequests.push(new URL(r.url()).pathname);
  });

  // First visit: the banner asks, and no tracker has run or even been fetched.
  await page.goto(demo.url);
  const banner = page.getByRole('region', { name: 'Cookies' }).or(page.getByRole('dialog', { name: 'Cookies' }));
  await expect.poll(() => banner.isVisible()).toBe(true);
  expect(await trackerLog(page)).toEqual([]);
  expect(trackerRequests).toEqual([]);

  // Accept all: both trackers run, once each.
  await banner.getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => trackerLog(page)).toEqual(['analytics', 'marketing']);
  expect(await cookieNames(page)).toEqual(expect.arrayContaining(['_demo_ga', '_demo_fbp']));

  // Withdraw marketing through the footer link; the page reloads once since the pixel already ran.
  await page.getByRole('link', { name: 'Cookie settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cookie preferences' });
  await expect.poll(() => dialog.isVisible()).toBe(true);
  await dialog.getByRole('switch', { name: 'Marketing' }).or(dialog.getByRole('checkbox', { name: 'Marketing' })).click();
  await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: 'Save my choices' }).click()]);
  await expect.poll(() => trackerLog(page)).toEqual(['analytics']);
  expect(await cookieNames(page)).not.toContain('_demo_fbp');
  expect(await cookieNames(page)).toContain('_demo_ga');
  await page.reload();
  await expect.poll(() => trackerLog(page)).toEqual(['analytics']);
  expect(trackerRequests.filter((p) => p.endsWith('marketing.js'))).toHaveLength(1);

  // The replay page: the player waits behind a placeholder that grants marketing in one click.
  await page.goto(demo.url + 'replay.html');
  const player = page.locator('iframe[title="Webinar replay player"]');
  expect(await player.getAttribute('src')).toBeNull();
  await page.getByRole('button', { name: /Demo Video|Marketing/ }).click();
  await expect.poll(() => player.getAttribute('src')).toBe('/embed/player.html');

  // My consent records: the three decisions, with their times, as the ledger stored them.
  await page.goto(demo.url + 'records.html');
  const rows = page.locator('#records tr');
  await expect.poll(() => rows.count()).toBe(3);
  const table = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  expect(table.map((r) => [r[1], r[2]])).toEqual([
    ['accept-all', 'banner'],
    ['save', 'settings-button'],
    ['save', 'placeholder'],
  ]);
  for (const row of table) expect(row[0]).toMatch(/\d/);
  await context.close();
});

test('the demo speaks all eight languages: each language link gives the banner in it, from one script file, and the choice is recorded in it', async () => {
  const context = await demo.browser.newContext();
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script' && /consentkit[^/]*\.js$/.test(r.url())) scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(demo.url);
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Polski' }).click();
  const banner = page.getByRole('region', { name: 'Pliki cookie' });
  await banner.waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('pl');
  await banner.getByRole('button', { name: 'Akceptuj wszystkie' }).click();
  expect(await page.evaluate(() => window.consentkit!.receipts().at(-1)!.language)).toBe('pl');
  // One consentkit file a page: the default build in English, the Polish one in Polish.
  expect(scripts).toEqual(['/consentkit.min.js', '/dist/consentkit.pl.min.js']);
  expect(await page.getByRole('navigation', { name: 'Language' }).getByRole('link').allTextContents()).toEqual([
    'English', 'Français', 'Deutsch', 'Español', 'Italiano', 'Nederlands', 'Português', 'Polski',
  ]);
  await context.close();
});
