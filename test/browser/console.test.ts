import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { PASSWORDS, startConsoleLedger, type ConsoleLedger } from '../server/console/consoleFixture';
import { launchChromium } from './chromium';
import { axe, watched } from './consolePage';

// The console and a visitor's site, in headless Chromium against a real ledger
// (real SQLite file, the built SDK and console from dist/). The site is
// http://site.example:PORT and the tracker http://static.hotjar.example:PORT,
// both the test server, reached through --host-resolver-rules; the site is
// treated as the secure context it would be on https.
let browser: Browser;
let ledger: ConsoleLedger;
let site: TestServer;
const NEW_FR_TEXT = 'Nous utilisons des cookies, dont Hotjar pour les cartes de chaleur. Votre choix est conservé {}.';
/** As the banner says it, the default duration filled in. */
const NEW_FR_SENTENCE = NEW_FR_TEXT.replace('{}', '6 mois');

beforeAll(async () => {
  site = await startTestServer();
  browser = await launchChromium([
    '--host-resolver-rules=MAP site.example 127.0.0.1, MAP static.hotjar.example 127.0.0.1',
    // A secure context, as the site would be on https: Web Crypto gives the notice its SHA-256.
    `--unsafely-treat-insecure-origin-as-secure=http://site.example:${site.port}`,
  ]);
  ledger = await startConsoleLedger({ assets: fileURLToPath(new URL('../../dist/', import.meta.url)) }, { origins: ['*'] });
  site.route('/hotjar.js', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
    res.end('window.hotjarRan = true;');
  });
  site.page(
    '/',
    `<!doctype html><html lang="fr"><head><title>Site</title>
<script src="${ledger.server.endpoint}/consentkit.js"></script>
<script>
  // Hotjar's own snippet inserts its script from code: that is what auto-blocking holds.
  var s = document.createElement('script'); s.src = 'http://static.hotjar.example:${site.port}/hotjar.js'; document.head.appendChild(s);
</script>
</head><body><main><h1>Site</h1></main></body></html>`,
  );
});
afterAll(async () => {
  await Promise.all([browser?.close(), site?.close(), ledger?.close()]);
});

async function signIn(page: Page, name: string, password: string) {
  await page.goto(ledger.server.endpoint + '/console/');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
}

/** A new visitor: a fresh context, so nothing of an earlier visit (cookie, HTTP cache) is reused. */
async function visit() {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const { page, errors } = await watched(context);
  const hotjar: string[] = [];
  page.on('request', (request) => request.url().includes('static.hotjar.example') && hotjar.push(request.url()));
  await page.goto(`http://site.example:${site.port}/`);
  return { context, page, errors, hotjar };
}

test('an editor adds Hotjar, maps its host, rewords the French banner and publishes; visitors get it; a rollback gives new visitors the old version', { timeout: 60_000 }, async () => {
  // Version 1: what the site had before today's change.
  const setup = ledger.client();
  await setup.signIn('ed', PASSWORDS.ed);
  expect((await setup.call('/console/api/publish', { method: 'POST' })).status).toBe(201);

  const context = await browser.newContext({ locale: 'en-GB' });
  const { page, violations, errors } = await watched(context);
  await signIn(page, 'ed', PASSWORDS.ed);

  const addService = page.getByRole('form', { name: 'Add a service' });
  await addService.getByLabel('Category').selectOption({ label: 'Analytics' });
  await addService.getByLabel('Service name').fill('Hotjar');
  await addService.getByLabel('Provider').fill('Hotjar Ltd');
  await addService.getByLabel('Cookies (names or globs, comma-separated)').fill('_hjSessionUser_*, _hjid');
  await addService.getByRole('button', { name: 'Add a service' }).click();
  await page.getByRole('list', { name: 'Services of Analytics' }).getByText('Hotjar', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('status').getByText('Draft saved.').waitFor();

  await page.getByRole('link', { name: 'Auto-blocking' }).click();
  const mapHost = page.getByRole('form', { name: 'Map a host to a category' });
  await mapHost.getByLabel('Host (e.g. static.hotjar.example or *.example.com)').fill('static.hotjar.example');
  await mapHost.getByLabel('Category').selectOption({ label: 'Analytics' });
  await mapHost.getByRole('button', { name: 'Map a host to a category' }).click();
  await page.getByRole('list', { name: 'Hosts and the category their scripts need' }).getByText('static.hotjar.example', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('status').getByText('Draft saved.').waitFor();

  await page.getByRole('link', { name: 'Texts' }).click();
  await page.getByLabel('text (fr)').fill(NEW_FR_TEXT);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('status').getByText('Draft saved.').waitFor();
  expect(await axe(page)).toEqual([]);

  await page.getByRole('link', { name: 'Preview' }).click();
  await page.getByRole('radio', { name: 'fr' }).check();
  const preview = page.frameLocator('iframe[title^="Preview"]');
  await preview.getByRole('region', { name: 'Cookies' }).getByText(NEW_FR_SENTENCE).waitFor();
  expect(await axe(page)).toEqual([]);

  await page.getByRole('link', { name: 'Versions' }).click();
  await page.getByRole('button', { name: 'Publish the draft' }).click();
  await page.getByRole('status').getByText('Version 2 published.').waitFor();
  expect(await page.getByRole('listitem').filter({ hasText: 'Version 2 (current)' }).getByText('categories.analytics.services.Hotjar').count()).toBe(1);
  expect(await axe(page)).toEqual([]);

  // A visitor: the new French text, Hotjar in the dialog, its script held until analytics is granted.
  const visitor = await visit();
  const banner = visitor.page.getByRole('region', { name: 'Cookies' });
  await banner.getByText(NEW_FR_SENTENCE).waitFor();
  await banner.getByRole('button', { name: 'Personnaliser' }).click();
  const dialog = visitor.page.getByRole('dialog', { name: 'Préférences des cookies' });
  await dialog.waitFor();
  expect(await dialog.getByText('Hotjar', { exact: true }).count()).toBe(1);
  expect(visitor.hotjar).toEqual([]);
  expect(await visitor.page.evaluate(() => (window as unknown as { hotjarRan?: boolean }).hotjarRan)).toBeUndefined();
  await dialog.getByRole('switch', { name: "Mesure d'audience" }).click();
  await dialog.getByRole('button', { name: 'Enregistrer mes choix' }).click();
  await visitor.page.waitForFunction(() => (window as unknown as { hotjarRan?: boolean }).hotjarRan === true);
  expect(visitor.hotjar).toHaveLength(1);
  const receipt = await visitor.page.evaluate(() => window.consentkit!.receipts().at(-1));
  expect(receipt).toMatchObject({ language: 'fr', categories: { analytics: true } });
  // The receipt names the notice it was given under, and the ledger archived it: the new French text, as shown.
  await visitor.page.evaluate(() => window.consentkit!.flush());
  const shownHash = await visitor.page.evaluate(() => window.consentkit!.receipts().at(-1)!.shownHash);
  expect(shownHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  const notice = await fetch(`${ledger.server.endpoint}/notices/${shownHash}`);
  expect(notice.status).toBe(200);
  expect(await notice.text()).toContain(NEW_FR_SENTENCE);
  expect(visitor.errors).toEqual([]);
  await visitor.context.close();

  // Rollback to version 1: version 3 is published, and a new visitor gets the old configuration.
  await page.getByRole('button', { name: 'Publish version 1 again (rollback)' }).click();
  await page.getByRole('status').getByText('Version 3 published.').waitFor();
  const later = await visit();
  const oldBanner = later.page.getByRole('region', { name: 'Cookies' });
  await oldBanner.waitFor();
  expect(await oldBanner.getByText(NEW_FR_SENTENCE).count()).toBe(0);
  await oldBanner.getByRole('button', { name: 'Personnaliser' }).click();
  const oldDialog = later.page.getByRole('dialog', { name: 'Préférences des cookies' });
  await oldDialog.waitFor();
  expect(await oldDialog.getByText('Hotjar', { exact: true }).count()).toBe(0);
  await oldDialog.getByRole('button', { name: 'Tout accepter' }).click();
  // Not in the blocking map any more: loaded before any choice, as before the change.
  expect(later.hotjar).toHaveLength(1);
  await later.context.close();

  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('the console in French, with the keyboard alone; a viewer sees a read-only console', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const { page, violations } = await watched(context);
  await page.goto(ledger.server.endpoint + '/console/');
  await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  expect(await axe(page)).toEqual([]);
  // Keyboard alone: Tab to each field, Enter to submit, Tab and Enter to follow a link.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('vi');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORDS.vi);
  await page.keyboard.press('Enter');
  await page.getByRole('navigation', { name: 'Rubriques' }).waitFor();
  await page.getByText('Vous pouvez tout lire mais rien modifier').waitFor();
  expect(await page.getByRole('button', { name: 'Enregistrer le brouillon' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Ajouter un service' }).isDisabled()).toBe(true);
  await page.getByRole('link', { name: 'Versions' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Versions', level: 2 }).waitFor();
  expect(await page.getByRole('button', { name: 'Publier le brouillon' }).isDisabled()).toBe(true);
  expect(await page.getByRole('button', { name: /Republier/ }).count()).toBe(0);
  expect(await axe(page)).toEqual([]);
  expect(await violations()).toEqual([]);
  await context.close();
});

/** Relative luminance (0 black … 1 white) of a computed rgb() colour. */
function luminance(rgb: string): number {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g)!.slice(0, 3).map(Number).map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const HOSTILE = '</script><script>window.injected=1</script><img src=x onerror="window.injected=2">\u2028<b>bold</b>';

test('HTML and script in every text field reach visitors as text only', async () => {
  const { en } = await import('../../src/ui/texts/en');
  const editor = ledger.client();
  await editor.signIn('ed', PASSWORDS.ed);
  const { config } = (await (await editor.call('/console/api/draft')).json()) as { config: import('../../src/server/index').SiteConfig };
  const texts = Object.fromEntries(Object.keys(en).map((key) => [key, `${HOSTILE} ${key}`]));
  config.texts = { en: texts, fr: texts };
  config.categories.find((c) => c.id === 'analytics')!.services = [{ name: HOSTILE, provider: HOSTILE, purpose: HOSTILE, duration: HOSTILE, cookies: ['_hj'] }];
  expect(await (await editor.call('/console/api/draft', { method: 'PUT', json: { config } })).json()).toMatchObject({ errors: [] });
  expect((await editor.call('/console/api/publish', { method: 'POST' })).status).toBe(201);

  const visitor = await visit();
  const alerts: string[] = [];
  visitor.page.on('dialog', (d) => void alerts.push(d.message()));
  const banner = visitor.page.getByRole('region', { name: `${HOSTILE} title` });
  await banner.waitFor();
  await banner.getByRole('button', { name: `${HOSTILE} customize` }).click();
  const dialog = visitor.page.getByRole('dialog', { name: `${HOSTILE} dialogTitle` });
  await dialog.waitFor();
  await dialog.getByText(`${HOSTILE} services`).first().click();
  expect(await dialog.getByText(HOSTILE, { exact: true }).count()).toBeGreaterThan(0);
  const page = await visitor.page.evaluate(() => ({
    injected: (window as unknown as { injected?: number }).injected,
    images: document.querySelectorAll('img').length,
    bold: document.querySelectorAll('b').length,
    scripts: [...document.scripts].filter((script) => script.textContent!.includes('injected')).length,
  }));
  expect(page).toEqual({ injected: undefined, images: 0, bold: 0, scripts: 0 });
  expect(alerts).toEqual([]);
  expect(visitor.errors).toEqual([]);
  await visitor.context.close();
});

test('the preview shows the banner and the dialog in each language, light and dark, phone and desktop width', async () => {
  // The built-in texts, whatever an earlier test left in the draft.
  const editor = ledger.client();
  await editor.signIn('ed', PASSWORDS.ed);
  const { config } = (await (await editor.call('/console/api/draft')).json()) as { config: import('../../src/server/index').SiteConfig };
  expect((await editor.call('/console/api/draft', { method: 'PUT', json: { config: { ...config, texts: { en: {}, fr: {} } } } })).status).toBe(200);
  const context = await browser.newContext({ locale: 'en-GB' });
  const { page, violations } = await watched(context);
  await signIn(page, 'ed', PASSWORDS.ed);
  await page.getByRole('link', { name: 'Preview' }).click();
  for (const [lang, dialogName] of [['en', 'Cookie preferences'], ['fr', 'Préférences des cookies']] as const) {
    await page.getByRole('radio', { name: lang, exact: true }).check();
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.getByRole('radio', { name: 'Phone' }).check();
    const frame = page.frameLocator('iframe[title^="Preview"]');
    await frame.getByRole('region').first().waitFor();
    // Dark: the banner's background is the dark scheme's Canvas.
    const dark = await frame.getByRole('region').first().evaluate((banner) => [document.documentElement.lang, innerWidth, getComputedStyle(banner).backgroundColor]);
    expect(dark.slice(0, 2)).toEqual([lang, 375]);
    expect(luminance(dark[2] as string)).toBeLessThan(0.2);
    await page.getByRole('radio', { name: 'Preferences dialog' }).check();
    await page.getByRole('radio', { name: 'Light' }).check();
    await page.getByRole('radio', { name: 'Desktop' }).check();
    await page.frameLocator('iframe[title^="Preview"]').getByRole('dialog').first().waitFor();
    expect(await page.locator('iframe[title^="Preview"]').getAttribute('title')).toBe(`Preview: Preferences dialog, ${lang}, Light, Desktop`);
    const light = await page.frameLocator('iframe[title^="Preview"]').getByRole('dialog').first().evaluate((dialog) => [innerWidth, getComputedStyle(dialog).backgroundColor]);
    expect(light[0]).toBeGreaterThan(800);
    expect(luminance(light[1] as string)).toBeGreaterThan(0.8);
    expect(await page.frameLocator('iframe[title^="Preview"]').getByRole('dialog', { name: dialogName }).count()).toBe(1);
    await page.getByRole('radio', { name: 'Banner' }).check();
  }
  expect(await violations()).toEqual([]);
  await context.close();
});

test('with Polish among the languages, the Texts page has a row for its "few" form of months, which an editor saves; English and French alone have none', async () => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const { page, violations } = await watched(context);
  await signIn(page, 'ed', PASSWORDS.ed);
  await page.getByRole('link', { name: 'Texts' }).click();
  await page.getByLabel('months (fr)').waitFor();
  expect(await page.getByLabel('months (fr)').getAttribute('placeholder')).toBe('mois');
  expect(await page.getByLabel(/^monthsFew/).count()).toBe(0);

  await page.getByRole('link', { name: 'Policy and signals' }).click();
  await page.getByRole('checkbox', { name: 'Polski' }).check();
  await page.getByRole('link', { name: 'Texts' }).click();
  // "3 miesiące", but "6 miesięcy": Polish has a form of its own for 2 to 4.
  const few = page.getByLabel('monthsFew (pl)');
  expect(await few.getAttribute('placeholder')).toBe('miesiące');
  expect(await page.getByLabel('months (pl)').getAttribute('placeholder')).toBe('miesięcy');
  await few.fill('mies.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('status').getByText('Draft saved.').waitFor();
  expect(await axe(page)).toEqual([]);

  const editor = ledger.client();
  await editor.signIn('ed', PASSWORDS.ed);
  const { config } = (await (await editor.call('/console/api/draft')).json()) as { config: import('../../src/server/index').SiteConfig };
  expect(config.texts.pl).toEqual({ monthsFew: 'mies.' });
  expect(await violations()).toEqual([]);
  await context.close();
});
