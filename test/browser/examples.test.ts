import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemo } from './demoFixture';

const demo = useDemo();

/** Opens an example in a fresh context, collecting page errors and CSP violations. */
async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await (await demo.browser.newContext()).newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)),
  );
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(demo.url + path);
  return { page, problems };
}

const accept = (page: Page) => page.getByRole('region', { name: 'Cookies' }).getByRole('button', { name: 'Accept all' }).click();

test('plain HTML: the tagged script runs only after Accept all', async () => {
  const { page, problems } = await open('examples/plain-html/');
  await expect.poll(() => page.getByRole('button', { name: 'Accept all' }).isVisible()).toBe(true);
  expect(await page.locator('#status').textContent()).toBe('Analytics has not run.');
  await accept(page);
  await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Analytics ran at/);
  expect(problems).toEqual([]);
  await page.context().close();
});

test('ESM: the npm module through an import map', async () => {
  const { page, problems } = await open('examples/esm/');
  await accept(page);
  await expect.poll(() => page.locator('#status').textContent()).toBe('Analytics granted: starting statistics.');
  await page.getByRole('button', { name: 'Cookie settings' }).first().click();
  await expect.poll(() => page.getByRole('dialog', { name: 'Cookie preferences' }).isVisible()).toBe(true);
  expect(problems).toEqual([]);
  await page.context().close();
});

test('Google Consent Mode: default first, then an update after the decision', async () => {
  const { page, problems } = await open('examples/google-consent-mode/');
  await expect.poll(() => page.locator('#datalayer').textContent()).toMatch(/^gtag \["consent","default",/);
  await accept(page);
  await expect.poll(() => page.locator('#datalayer').textContent()).toMatch(/gtag \["consent","update",\{[^}]*"ad_storage":"granted"/);
  expect(problems).toEqual([]);
  await page.context().close();
});

test('strict CSP: styled banner, nonce-carrying tagged script, zero violations', async () => {
  const { page, problems } = await open('examples/strict-csp/');
  const banner = page.getByRole('region', { name: 'Cookies' });
  await expect.poll(() => banner.isVisible()).toBe(true);
  expect(await banner.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  await accept(page);
  await expect.poll(() => page.locator('#status').textContent()).toBe('The analytics tag ran under a strict CSP.');
  expect(problems).toEqual([]);
  await page.context().close();
});
