import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createSqliteStatsStore, type SqliteStore, type StatsReport, type StatsRow } from '../../src/server/index';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { PASSWORDS, startConsoleLedger, type Client, type ConsoleLedger } from '../server/console/consoleFixture';
import { bruteForceReport } from '../server/stats/bruteForceReport';
import { DAYS, FIRST_DAY, appendAll, generateReceipts, type Generated } from '../server/stats/generateReceipts';
import { launchChromium } from './chromium';
import { axe, watched } from './consolePage';

// The console's Statistics page in headless Chromium: the built console from dist/ on a
// real ledger (real SQLite file, the real `GET {base}/stats`). The first three tests share
// one ledger, seeded before them with three published configuration versions, receipts
// received over the last 40 UTC days and banner impressions; the figures they expect are
// counted from what was seeded (bruteForceReport), with none of the ledger's statistics code.
// The last test starts a ledger of its own, where visitors decide through the SDK.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const TODAY = isoDay(Date.now());
/** The UTC day `n` days before today. */
const daysAgo = (n: number) => isoDay(Date.parse(TODAY) - n * DAY_MS);
/** The actions in the order of the console's columns. */
const ACTIONS = ['accept-all', 'reject-all', 'dismiss', 'save', 'withdraw'] as const;

/** generateReceipts' 40 days moved to end today, so that the console's default range (the last 30 days) falls inside them. */
function endingToday(generated: readonly Generated[]): Generated[] {
  const shift = Date.parse(daysAgo(DAYS - 1)) - Date.parse(FIRST_DAY);
  return generated.map(({ day, receipt }) => ({ day: isoDay(Date.parse(day) + shift), receipt: { ...receipt, timestamp: new Date(Date.parse(receipt.timestamp) + shift).toISOString() } }));
}

/** The receipts the ledger receives, each on its day; they name configuration versions 1, 2 and 3, or none. */
const SEEDED = endingToday(generateReceipts(1200));
/** Banners shown per day, all French: five more than the decisions received that day. */
const IMPRESSIONS = new Map(Array.from({ length: DAYS }, (_, n): [string, number] => [daysAgo(DAYS - 1 - n), 5]));
for (const { day } of SEEDED) IMPRESSIONS.set(day, IMPRESSIONS.get(day)! + 1);

/** What the ledger should answer for a range, counted from the seeded receipts and impressions. */
function expected(from: string, to: string): StatsReport {
  const report = bruteForceReport(SEEDED, from, to);
  for (const day of report.days) day.impressions = IMPRESSIONS.get(day.day) ?? 0;
  report.totals.impressions = report.days.reduce((sum, day) => sum + day.impressions, 0);
  report.impressionsEnabled = true;
  return report;
}

type Decisions = StatsReport['totals']['decisions'];
/** Decisions that answer the banner or the dialog: every action but withdraw. */
const answers = (decisions: Decisions) => decisions['accept-all'] + decisions['reject-all'] + decisions.dismiss + decisions.save;
/** A share as the console shows it: a percentage with one decimal, or an em dash when there is nothing to divide. */
const share = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10} %` : '—');
const optIn = (choice: { granted: number; refused: number } | undefined) => (choice ? share(choice.granted, choice.granted + choice.refused) : '—');
/** A row of the "Decisions per day" table. */
const decisionRow = (day: StatsReport['days'][number]) => [day.day, ...ACTIONS.map((action) => String(day.decisions[action]))];

let browser: Browser;
let ledger: ConsoleLedger;
let editor: Client;
beforeAll(async () => {
  [browser, ledger] = await Promise.all([launchChromium(['--host-resolver-rules=MAP site.example 127.0.0.1']), startConsoleLedger({ assets: DIST }, { origins: ['*'] })]);
  editor = ledger.client();
  expect((await editor.signIn('ed', PASSWORDS.ed)).status).toBe(200);
  const saveDraft = async (change: Record<string, unknown>) => {
    const { config } = (await (await editor.call('/console/api/draft')).json()) as { config: Record<string, unknown> };
    expect((await editor.call('/console/api/draft', { method: 'PUT', json: { config: { ...config, ...change } } })).status).toBe(200);
  };
  const publish = async (change: Record<string, unknown>) => {
    await saveDraft(change);
    expect((await editor.call('/console/api/publish', { method: 'POST' })).status).toBe(201);
  };
  // Version 1, the defaults; version 2 sends Consent Mode signals; version 3 counts impressions.
  await publish({});
  await publish({ consentMode: true });
  await publish({ countImpressions: true });
  // The draft of a version 4 switches the counter off, unpublished: the figures follow the published version, the switch the draft.
  await saveDraft({ countImpressions: false });

  // Through the ledger's store, each day's receipts received at noon that day; the statistics are rolled up from them.
  await appendAll(ledger.server.store, SEEDED);
  // Written as the anonymous counter writes its counts, one row per day.
  const impressions = [...IMPRESSIONS].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, count]): StatsRow => ({ day, metric: 'impressions', key: 'fr', count }));
  await createSqliteStatsStore((ledger.server.store as SqliteStore).db).add(impressions);
}, 60_000);
afterAll(async () => {
  await Promise.all([browser?.close(), ledger?.close()]);
});

async function openStatistics(page: Page, endpoint: string, name: string, password: string) {
  await page.goto(endpoint + '/console/');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Statistics' }).click();
  await page.getByRole('heading', { name: 'Statistics', level: 2 }).waitFor();
}

/** The query of every request the page makes to `{base}/stats`, in order (`from=…&to=…`). */
function statsQueries(page: Page): string[] {
  const queries: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('/stats')) queries.push(url.search.slice(1));
  });
  return queries;
}

/** The rows of a table found by its caption, each as its cells' text (header cells included). */
async function rows(page: Page, caption: string): Promise<string[][]> {
  const figure = page.getByRole('figure', { name: caption });
  if (!(await figure.locator('details').evaluate((details) => (details as HTMLDetailsElement).open))) await figure.getByText(`Data table: ${caption}`).click();
  const table = figure.getByRole('table', { name: caption });
  await table.waitFor();
  return table.evaluate((element) => [...(element as HTMLTableElement).rows].map((row) => [...row.cells].map((cell) => cell.textContent!.trim())));
}

/** A breakdown's table, checked to list counts largest first; its rows come back sorted by name (ties may come in any order). */
async function breakdown(page: Page, caption: string): Promise<string[][]> {
  const [header, ...body] = await rows(page, caption);
  expect(header).toEqual(['Value', 'Decisions']);
  const counts = body.map((row) => Number(row[1]));
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  return body.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** Counts as breakdown rows, named by `labels` (a key without a label is shown as it is), sorted by name. */
const named = (counts: Record<string, number>, labels: Record<string, string> = {}) =>
  Object.entries(counts)
    .map(([key, count]) => [labels[key] ?? key, String(count)])
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
const SOURCES = { banner: 'Banner', preferences: 'Preferences dialog', 'settings-button': 'Settings button', placeholder: 'Embed placeholder', api: 'Site code (API)', gpc: 'Global Privacy Control' };
const REASONS = {
  'first-visit': 'First visit',
  expired: 'Decision expired',
  'policy-changed': 'Policy changed',
  'new-category': 'New category',
  'subject-erased': 'Asked again after an erasure',
  none: 'Not asked (a later change)',
};

/** The key figures, term → value. */
async function keyFigures(page: Page): Promise<Record<string, string | null>> {
  return Object.fromEntries(
    await page.getByLabel('Key figures').locator('div').evaluateAll((items) => items.map((item) => [item.querySelector('dt')!.textContent, item.querySelector('dd')!.textContent])),
  );
}

test('the Statistics page draws the daily decisions, opt-in over time, breakdowns and key figures, each chart named and with its table', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
  const { page, violations, errors } = await watched(context);
  const queries = statsQueries(page);
  await openStatistics(page, ledger.server.endpoint, 'ed', PASSWORDS.ed);

  // The last 30 UTC days by default.
  const from = daysAgo(29);
  const want = expected(from, TODAY);
  await page.getByRole('figure', { name: 'Decisions per day' }).waitFor();
  expect(queries).toEqual([`from=${from}&to=${TODAY}`]);

  // Each chart: a figure named by its caption, a canvas drawn by uPlot inside an image named by its summary.
  for (const name of ['Decisions per day', 'Opt-in rate per category', 'Impressions per day', 'Decisions by language', 'Decisions by source', 'Decisions by reason for asking']) {
    const figure = page.getByRole('figure', { name });
    expect(await figure.getByRole('img').getAttribute('aria-label')).not.toBe('');
    expect(await figure.locator('canvas').count()).toBeGreaterThan(0);
  }
  expect(await page.getByRole('img', { name: `Decisions per UTC day from ${from} to ${TODAY}, one line per action.` }).count()).toBe(1);

  expect(await rows(page, 'Decisions per day')).toEqual([['Day', 'Accept all', 'Reject all', 'Continue without accepting', 'Save choices', 'Withdraw'], ...want.days.map(decisionRow)]);
  // One column per category counted in the range (the site's own "support" among them), in the ledger's order.
  const [optInHeader, ...optInRows] = await rows(page, 'Opt-in rate per category');
  const categories = optInHeader!.slice(1);
  expect([...categories].sort()).toEqual(Object.keys(want.totals.categories).sort());
  expect(optInRows).toEqual(want.days.map((day) => [day.day, ...categories.map((id) => optIn(day.categories[id]))]));
  expect(await rows(page, 'Impressions per day')).toEqual([['Day', 'Impressions'], ...want.days.map((day) => [day.day, String(day.impressions)])]);
  expect(await breakdown(page, 'Decisions by language')).toEqual(named(want.totals.byLanguage));
  expect(await breakdown(page, 'Decisions by source')).toEqual(named(want.totals.bySource, SOURCES));
  expect(await breakdown(page, 'Decisions by reason for asking')).toEqual(named(want.totals.byReason, REASONS));

  const { decisions, gpc, decisionSeconds, impressions } = want.totals;
  const answered = answers(decisions);
  expect(await keyFigures(page)).toEqual({
    'Decisions on the banner and dialog': String(answered),
    'Accept rate': share(decisions['accept-all'], answered),
    'Reject rate (reject all or continue without accepting)': share(decisions['reject-all'] + decisions.dismiss, answered),
    Withdrawals: String(decisions.withdraw),
    'Share of decisions with Global Privacy Control': share(gpc.on, gpc.on + gpc.off),
    'Median time to decide': `${decisionSeconds.median} s (${decisionSeconds.samples} decisions timed)`,
    Impressions: String(impressions),
    'Banners answered': share(answered, impressions),
    'True consent rate (accept all per banner shown)': share(decisions['accept-all'], impressions),
  });

  expect(await axe(page)).toEqual([]);
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('two versions compared, a date range, the CSV download, and the impressions switch editing the draft', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
  const { page, violations, errors } = await watched(context);
  const queries = statsQueries(page);
  await openStatistics(page, ledger.server.endpoint, 'ed', PASSWORDS.ed);

  const thirtyDays = expected(daysAgo(29), TODAY);
  const [one, two] = [1, 2].map((number) => thirtyDays.versions.find((version) => version.configVersion === number)!);
  await page.getByLabel('Before').selectOption({ label: `Version 1 (${one!.firstDay} – ${one!.lastDay})` });
  await page.getByLabel('After').selectOption({ label: `Version 2 (${two!.firstDay} – ${two!.lastDay})` });
  const categories = (await rows(page, 'Opt-in rate per category'))[0]!.slice(1);
  expect(await rows(page, 'Version 1 and Version 2 compared')).toEqual([
    ['Value', 'Version 1', 'Version 2'],
    ['Accept rate', ...[one!, two!].map((version) => share(version.decisions['accept-all'], answers(version.decisions)))],
    ['Reject rate (reject all or continue without accepting)', ...[one!, two!].map((version) => share(version.decisions['reject-all'] + version.decisions.dismiss, answers(version.decisions)))],
    ...categories.map((id) => [`Opt-in: ${id}`, optIn(one!.categories[id]), optIn(two!.categories[id])]),
  ]);

  // A range the ledger would refuse is not asked for.
  const from = daysAgo(20);
  const to = daysAgo(11);
  const range = page.getByRole('form', { name: 'Date range' });
  await range.getByLabel('From (UTC)').fill(to);
  await range.getByLabel('To (UTC)').fill(from);
  await range.getByText('"From" must not be after "To".').waitFor();
  expect(await range.getByRole('button', { name: 'Show these days' }).isDisabled()).toBe(true);
  await range.getByLabel('From (UTC)').fill(isoDay(Date.parse(from) - 366 * DAY_MS));
  await range.getByText('At most 366 days at a time.').waitFor();
  await range.getByLabel('From (UTC)').fill(from);
  await range.getByLabel('To (UTC)').fill(to);
  await range.getByRole('button', { name: 'Show these days' }).click();
  await page.getByRole('img', { name: `Decisions per UTC day from ${from} to ${to}, one line per action.` }).waitFor();
  expect(queries).toEqual([`from=${daysAgo(29)}&to=${TODAY}`, `from=${from}&to=${to}`]);
  const tenDays = expected(from, to);
  expect((await rows(page, 'Decisions per day')).slice(1)).toEqual(tenDays.days.map(decisionRow));
  expect((await keyFigures(page))['Decisions on the banner and dialog']).toBe(String(answers(tenDays.totals.decisions)));

  const csv = page.getByRole('link', { name: 'Download these figures (CSV)' });
  expect(await csv.getAttribute('href')).toBe(`/api/consent/stats?from=${from}&to=${to}&format=csv`);
  const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
  expect(download.suggestedFilename()).toBe(`consentkit-stats-${from}-${to}.csv`);
  // CSV lines may end in CRLF (RFC 4180). One line per day, metric and key counted: the decisions and impressions are the seeded ones, no more.
  const lines = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toBe('day,metric,key,count');
  const metric = (name: string) => lines.filter((line) => line.split(',')[1] === name).sort();
  expect(metric('decisions')).toEqual(tenDays.days.flatMap((day) => ACTIONS.filter((action) => day.decisions[action] > 0).map((action) => `${day.day},decisions,${action},${day.decisions[action]}`)).sort());
  expect(metric('impressions')).toEqual(tenDays.days.map((day) => `${day.day},impressions,fr,${day.impressions}`).sort());

  // The published version counts impressions (the key figures show them); the draft does not, and the switch shows the draft.
  // It edits the draft like every setting; "Save draft" sends it.
  const counter = page.getByRole('checkbox', { name: 'Count impressions (banners shown), for a true consent rate' });
  expect(await counter.isChecked()).toBe(false);
  await counter.check();
  await page.getByRole('status').getByText('Unsaved changes.').waitFor();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('status').getByText('Draft saved.').waitFor();
  const { config } = (await (await editor.call('/console/api/draft')).json()) as { config: { countImpressions?: boolean } };
  expect(config.countImpressions).toBe(true);

  expect(await axe(page)).toEqual([]);
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('in French, with the keyboard: the section, the range and a data table', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const { page, violations, errors } = await watched(context);
  await page.goto(ledger.server.endpoint + '/console/');
  await page.getByLabel('Nom').fill('ed');
  await page.getByLabel('Mot de passe').fill(PASSWORDS.ed);
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Statistiques' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Statistiques', level: 2 }).waitFor();
  const summary = page.getByRole('figure', { name: 'Décisions par jour' }).getByText('Tableau des données : Décisions par jour');
  await summary.focus();
  await page.keyboard.press('Enter');
  const table = page.getByRole('table', { name: 'Décisions par jour' });
  await table.getByRole('columnheader', { name: 'Tout accepter' }).waitFor();
  // The same figures as in English: the first day of the default range.
  const first = expected(daysAgo(29), daysAgo(29)).days[0]!;
  expect(await table.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(decisionRow(first).slice(1));
  expect(await page.getByRole('form', { name: 'Période' }).getByLabel('Du (UTC)').count()).toBe(1);
  expect(await axe(page)).toEqual([]);
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

// End to end, on a ledger of its own with nothing seeded: visitors decide through the SDK on a
// site the ledger serves; their receipts and impressions reach the statistics through the
// ledger's own routes (`POST {base}/receipts`, `POST {base}/impressions`), and the console shows them.
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
