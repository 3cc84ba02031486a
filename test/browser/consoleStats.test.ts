import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { STAND_IN_ACCOUNT, startStatsStandIn, type StatsStandIn } from '../helpers/statsStandIn';
import { PASSWORDS, startConsoleLedger, type ConsoleLedger } from '../server/console/consoleFixture';
import { launchChromium } from './chromium';

// The console's Statistics page in headless Chromium, the built console from dist/.
// The first tests run against a STAND-IN for `GET {base}/stats` (test/helpers/statsStandIn.ts):
// a real ledger and console behind a front that answers the statistics route with made-up,
// contract-shaped figures. The last test is end to end on the real ledger: see its comment.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];
const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

let browser: Browser;
let standIn: StatsStandIn;
beforeAll(async () => {
  [browser, standIn] = await Promise.all([launchChromium(['--host-resolver-rules=MAP site.example 127.0.0.1']), startStatsStandIn(DIST)]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), standIn?.close()]);
});

/** A page that records CSP violations and page errors. */
async function watched(context: BrowserContext): Promise<{ page: Page; violations: () => Promise<string[]>; errors: string[] }> {
  await context.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors, violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations) };
}

async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async (tags) => {
    const result = await (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, TAGS);
}

async function openStatistics(page: Page, endpoint: string, name: string, password: string) {
  await page.goto(endpoint + '/console/');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Statistics' }).click();
  await page.getByRole('heading', { name: 'Statistics', level: 2 }).waitFor();
}

/** The rows of a table found by its caption, each as its cells' text (header cells included). */
async function rows(page: Page, caption: string): Promise<string[][]> {
  const figure = page.getByRole('figure', { name: caption });
  if (!(await figure.locator('details').evaluate((details) => (details as HTMLDetailsElement).open))) await figure.getByText(`Data table: ${caption}`).click();
  const table = figure.getByRole('table', { name: caption });
  await table.waitFor();
  return table.evaluate((element) => [...(element as HTMLTableElement).rows].map((row) => [...row.cells].map((cell) => cell.textContent!.trim())));
}

test('the Statistics page draws the daily decisions, opt-in over time, breakdowns and key figures, each chart named and with its table', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
  const { page, violations, errors } = await watched(context);
  await openStatistics(page, standIn.endpoint, STAND_IN_ACCOUNT.name, STAND_IN_ACCOUNT.password);

  // The last 30 UTC days by default.
  const to = isoDay(Date.now());
  const from = isoDay(Date.now() - 29 * DAY_MS);
  await page.getByRole('figure', { name: 'Decisions per day' }).waitFor();
  expect(standIn.statsQueries.map((query) => [query.get('from'), query.get('to')])).toEqual([[from, to]]);

  // Each chart: a figure named by its caption, a canvas drawn by uPlot inside an image named by its summary.
  for (const name of ['Decisions per day', 'Opt-in rate per category', 'Impressions per day', 'Decisions by language', 'Decisions by source', 'Decisions by reason for asking']) {
    const figure = page.getByRole('figure', { name });
    expect(await figure.getByRole('img').getAttribute('aria-label')).not.toBe('');
    expect(await figure.locator('canvas').count()).toBeGreaterThan(0);
  }
  expect(await page.getByRole('img', { name: `Decisions per UTC day from ${from} to ${to}, one line per action.` }).count()).toBe(1);

  const decisions = await rows(page, 'Decisions per day');
  expect(decisions[0]).toEqual(['Day', 'Accept all', 'Reject all', 'Continue without accepting', 'Save choices', 'Withdraw']);
  expect(decisions).toHaveLength(31);
  expect(decisions[1]).toEqual([from, '10', '4', '2', '3', '0']);
  expect(decisions[2]).toEqual([isoDay(Date.now() - 28 * DAY_MS), '11', '5', '2', '3', '1']);
  expect((await rows(page, 'Opt-in rate per category'))[1]).toEqual([from, '60 %', '30 %']);
  expect(await rows(page, 'Decisions by language')).toEqual([['Value', 'Decisions'], ['fr', '70'], ['en', '20'], ['de', '3']]);
  expect((await rows(page, 'Decisions by source')).slice(0, 3)).toEqual([['Value', 'Decisions'], ['Banner', '60'], ['Preferences dialog', '25']]);
  expect((await rows(page, 'Decisions by reason for asking'))[1]).toEqual(['First visit', '80']);

  const figures = page.getByRole('definition');
  const keyFigures = Object.fromEntries(
    await page.getByLabel('Key figures').locator('div').evaluateAll((items) => items.map((item) => [item.querySelector('dt')!.textContent, item.querySelector('dd')!.textContent])),
  );
  expect(await figures.count()).toBe(9);
  expect(keyFigures).toMatchObject({
    'Median time to decide': '7 s (90 decisions timed)',
    'Share of decisions with Global Privacy Control': '5 %',
    Impressions: '900',
  });
  // 30 days: accept-all 10..14 six times = 360, answers 360 + 150 + 60 + 90 = 660.
  expect(keyFigures['Accept rate']).toBe('54.5 %');
  expect(keyFigures['True consent rate (accept all per banner shown)']).toBe('40 %');

  expect(await axe(page)).toEqual([]);
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('two versions compared, a date range, the CSV download, and the impressions switch editing the draft', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
  const { page, violations, errors } = await watched(context);
  standIn.statsQueries.length = 0;
  await openStatistics(page, standIn.endpoint, STAND_IN_ACCOUNT.name, STAND_IN_ACCOUNT.password);

  await page.getByLabel('Before').selectOption({ label: `Version 1 (${isoDay(Date.now() - 29 * DAY_MS)} – ${isoDay(Date.now() - 29 * DAY_MS)})` });
  await page.getByLabel('After').selectOption({ index: 1 });
  expect(await rows(page, 'Version 1 and Version 2 compared')).toEqual([
    ['Value', 'Version 1', 'Version 2'],
    ['Accept rate', '30 %', '60 %'],
    ['Reject rate (reject all or continue without accepting)', '60 %', '30 %'],
    ['Opt-in: analytics', '40 %', '70 %'],
    ['Opt-in: marketing', '20 %', '35 %'],
  ]);

  // A range the ledger would refuse is not asked for.
  const range = page.getByRole('form', { name: 'Date range' });
  await range.getByLabel('From (UTC)').fill('2026-11-10');
  await range.getByLabel('To (UTC)').fill('2026-11-01');
  await range.getByText('"From" must not be after "To".').waitFor();
  expect(await range.getByRole('button', { name: 'Show these days' }).isDisabled()).toBe(true);
  await range.getByLabel('From (UTC)').fill('2025-01-01');
  await range.getByText('At most 366 days at a time.').waitFor();
  await range.getByLabel('From (UTC)').fill('2026-11-01');
  await range.getByLabel('To (UTC)').fill('2026-11-10');
  await range.getByRole('button', { name: 'Show these days' }).click();
  await page.getByRole('img', { name: 'Decisions per UTC day from 2026-11-01 to 2026-11-10, one line per action.' }).waitFor();
  expect(standIn.statsQueries.map((query) => query.get('from') + '..' + query.get('to')).at(-1)).toBe('2026-11-01..2026-11-10');
  expect(await rows(page, 'Decisions per day')).toHaveLength(11);

  const csv = page.getByRole('link', { name: 'Download these figures (CSV)' });
  expect(await csv.getAttribute('href')).toBe('/api/consent/stats?from=2026-11-01&to=2026-11-10&format=csv');
  const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.split(/\r?\n/)[0]).toBe('day,metric,key,count');
  expect(text.split(/\r?\n/)).toContain('2026-11-01,decisions,accept-all,10');

  // The switch edits the draft like every setting; "Save draft" sends it.
  const counter = page.getByRole('checkbox', { name: 'Count impressions (banners shown), for a true consent rate' });
  expect(await counter.isChecked()).toBe(false);
  await counter.check();
  await page.getByRole('status').getByText('Unsaved changes.').waitFor();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('status').getByText(/Draft saved|Error/).waitFor();
  expect(standIn.writes.filter((write) => write.path.endsWith('/draft')).map((write) => (write.body as { config: { countImpressions?: boolean } }).config.countImpressions)).toEqual([true]);

  expect(await axe(page)).toEqual([]);
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('in French, with the keyboard: the section, the range and a data table', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const { page, violations } = await watched(context);
  await page.goto(standIn.endpoint + '/console/');
  await page.getByLabel('Nom').fill(STAND_IN_ACCOUNT.name);
  await page.getByLabel('Mot de passe').fill(STAND_IN_ACCOUNT.password);
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Statistiques' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Statistiques', level: 2 }).waitFor();
  const summary = page.getByRole('figure', { name: 'Décisions par jour' }).getByText('Tableau des données : Décisions par jour');
  await summary.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('table', { name: 'Décisions par jour' }).getByRole('columnheader', { name: 'Tout accepter' }).waitFor();
  expect(await page.getByRole('form', { name: 'Période' }).getByLabel('Du (UTC)').count()).toBe(1);
  expect(await axe(page)).toEqual([]);
  expect(await violations()).toEqual([]);
  await context.close();
});

// END TO END, real ledger, real route: this test needs the ledger side of the statistics
// (`GET {base}/stats`, `countImpressions` in the site config, `POST {base}/impressions`),
// built on another branch. It FAILS on this branch alone and passes once both are merged.
// Not skipped on purpose: it is the test that proves the console and the ledger agree.
test('end to end: three visitors decide on a ledger-served site; their decisions show in the console chart and the CSV', { timeout: 90_000 }, async () => {
  const ledger: ConsoleLedger = await startConsoleLedger({ assets: DIST }, { origins: ['*'] });
  const site: TestServer = await startTestServer();
  try {
    site.page('/', `<!doctype html><html lang="fr"><head><title>Site</title><script src="${ledger.server.endpoint}/consentkit.js"></script></head><body><main><h1>Site</h1></main></body></html>`);
    const editor = ledger.client();
    await editor.signIn('ed', PASSWORDS.ed);
    const { config } = (await (await editor.call('/console/api/draft')).json()) as { config: Record<string, unknown> };
    expect((await editor.call('/console/api/draft', { method: 'PUT', json: { config: { ...config, countImpressions: true } } })).status).toBe(200);
    expect((await editor.call('/console/api/publish', { method: 'POST' })).status).toBe(201);

    const decide = async (choose: (page: Page) => Promise<void>) => {
      const context = await browser.newContext({ locale: 'fr-FR' });
      const page = await context.newPage();
      await page.goto(`http://site.example:${site.port}/`);
      await page.getByRole('region', { name: 'Cookies' }).waitFor();
      await choose(page);
      expect(await page.evaluate(() => window.consentkit!.flush())).toMatchObject({ pending: 0 });
      const receipt = await page.evaluate(() => window.consentkit!.receipts().at(-1));
      expect(receipt).toMatchObject({ configVersion: 1, decisionSeconds: expect.any(Number) });
      await context.close();
    };
    await decide((page) => page.getByRole('button', { name: 'Tout accepter' }).click());
    await decide((page) => page.getByRole('button', { name: 'Tout refuser' }).click());
    await decide(async (page) => {
      await page.getByRole('button', { name: 'Personnaliser' }).click();
      const dialog = page.getByRole('dialog', { name: 'Préférences des cookies' });
      await dialog.getByRole('switch', { name: "Mesure d'audience" }).click();
      await dialog.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    });

    const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
    const { page, errors } = await watched(context);
    await openStatistics(page, ledger.server.endpoint, 'ed', PASSWORDS.ed);
    const today = isoDay(Date.now());
    expect((await rows(page, 'Decisions per day')).find((row) => row[0] === today)).toEqual([today, '1', '1', '0', '1', '0']);
    expect((await rows(page, 'Decisions by language')).slice(1)).toEqual([['fr', '3']]);
    // One anonymous impression per banner shown: three visitors, three banners; one accepted all of them.
    const impressions = page.getByLabel('Key figures').locator('div').filter({ has: page.getByText('Impressions', { exact: true }) });
    expect(await impressions.locator('dd').textContent()).toBe('3');
    expect(await page.getByLabel('Key figures').locator('div').filter({ hasText: 'True consent rate' }).locator('dd').textContent()).toBe('33.3 %');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download these figures (CSV)' }).click()]);
    // CSV lines may end in CRLF (RFC 4180).
    const lines = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('day,metric,key,count');
    for (const action of ['accept-all', 'reject-all', 'save']) expect(lines.some((line) => new RegExp(`^${today},[a-z-]*decision[a-z-]*,${action},1$`).test(line))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  } finally {
    await Promise.all([site.close(), ledger.close()]);
  }
});
