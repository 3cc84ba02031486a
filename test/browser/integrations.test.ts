import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { launchChromium } from './chromium';
import { DENIED } from '../integrations/fakes';

let browser: Browser;
let server: TestServer;

declare global {
  interface Window {
    __pushedAt: number[];
    __describeDataLayer: () => string[];
    __seenByGtm?: string[];
    __seenByGtag?: string[];
    __seenByTaggedScript?: string[];
    __changes: unknown[];
  }
}

/** Before any page script: records when each dataLayer entry was pushed, and lets tags describe what they found. */
function instrumentDataLayer() {
  let queue: unknown[] | undefined;
  window.__pushedAt = [];
  Object.defineProperty(window, 'dataLayer', {
    configurable: true,
    get: () => queue,
    set(value: unknown[]) {
      queue = value;
      const push = value.push;
      value.push = function (...items: unknown[]) {
        for (const _ of items) window.__pushedAt.push(performance.now());
        return push.apply(this, items);
      };
    },
  });
  window.__describeDataLayer = () =>
    ((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? []).map((entry) => {
      const e = entry as { [i: number]: unknown; event?: string };
      return Object.prototype.toString.call(entry) === '[object Arguments]' ? `arguments:${String(e[0])}:${String(e[1])}` : `object:${e.event}`;
    });
}


const HEAD = `<script src="/consentkit.min.js" data-consent-mode data-policy-version="2018-05-24"></script>`;

/** Every `gtag('consent', …)` command in dataLayer, with whether it is a real arguments object. */
const consentCommands = (page: Page) =>
  page.evaluate(() =>
    ((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? [])
      .filter((entry) => (entry as { 0?: unknown })[0] === 'consent')
      .map((entry) => {
        const e = entry as { [i: number]: unknown };
        return { args: Object.prototype.toString.call(entry) === '[object Arguments]', kind: e[1], signals: e[2] };
      }),
  );

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
  const recorder = (name: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
    res.end(`window.${name} = window.__describeDataLayer();`);
  };
  server.route('/gtm.js', recorder('__seenByGtm'));
  server.route('/gtag/js', recorder('__seenByGtag'));
  server.page(
    '/shop',
    `<!doctype html><html lang="en"><head>${HEAD}
<script>(function () { var s = document.createElement('script'); s.async = true; s.src = '/gtm.js?id=GTM-TEST'; document.head.appendChild(s); })();</script>
<script type="text/plain" data-consent="analytics">window.__seenByTaggedScript = window.__describeDataLayer();</script>
<script type="text/plain" data-consent="analytics" src="/gtag/js?id=G-TEST" async></script>
</head><body><h1>Shop</h1></body></html>`,
  );
  server.page('/', `<!doctype html><html lang="en"><head>${HEAD}</head><body><h1>Home</h1></body></html>`);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

test('the Consent Mode default is the first consent entry, an arguments object, before any tag runs or is requested', async () => {
  const page = await browser.newPage();
  await page.addInitScript(instrumentDataLayer);
  await page.goto(server.origin + '/shop');
  await page.waitForFunction(() => window.__seenByGtm);

  const commands = await consentCommands(page);
  expect(commands[0]).toEqual({ args: true, kind: 'default', signals: { ...DENIED, wait_for_update: 500 } });
  expect(await page.evaluate(() => window.__seenByGtm)).toEqual(['arguments:consent:default']);

  await page.evaluate(() => window.consentkit!.acceptAll());
  // The tagged inline script and the gtag-like one run once analytics is granted, after the update.
  await page.waitForFunction(() => window.__seenByTaggedScript && window.__seenByGtag, null, { timeout: 5000 });
  const seen = await page.evaluate(() => ({ tagged: window.__seenByTaggedScript, gtag: window.__seenByGtag }));
  expect(seen.tagged?.slice(0, 2)).toEqual(['arguments:consent:default', 'arguments:consent:update']);
  expect(seen.gtag?.slice(0, 2)).toEqual(['arguments:consent:default', 'arguments:consent:update']);

  // Ordering, not speed: each tag was requested after the default was pushed.
  const order = await page.evaluate(() => ({
    defaultAt: window.__pushedAt[0]!,
    requests: performance
      .getEntriesByType('resource')
      .filter((r) => /\/(gtm\.js|gtag\/js)/.test(r.name))
      .map((r) => r.startTime),
  }));
  expect(order.requests).toHaveLength(2);
  for (const requestedAt of order.requests) expect(requestedAt).toBeGreaterThan(order.defaultAt);

  // A returning visitor: the tags run at start, and still find the default, then the stored decision, first.
  await page.reload();
  await page.waitForFunction(() => window.__seenByTaggedScript && window.__seenByGtag, null, { timeout: 5000 });
  const returning = await page.evaluate(() => ({ tagged: window.__seenByTaggedScript, gtag: window.__seenByGtag }));
  expect(returning.tagged?.slice(0, 2)).toEqual(['arguments:consent:default', 'arguments:consent:update']);
  expect(returning.gtag?.slice(0, 2)).toEqual(['arguments:consent:default', 'arguments:consent:update']);
  expect((await consentCommands(page)).map((c) => c.kind)).toEqual(['default', 'update']);
  await page.close();
});

test('an update with all seven types follows each decision', async () => {
  const page = await browser.newPage();
  await page.goto(server.origin + '/');
  await page.evaluate(() => {
    const ck = window.consentkit!;
    ck.acceptAll();
    ck.rejectAll();
    ck.save({ analytics: true });
    ck.withdraw();
  });
  const commands = await consentCommands(page);
  expect(commands.map((c) => c.args)).toEqual([true, true, true, true, true]);
  expect(commands.slice(1).map((c) => [c.kind, c.signals])).toEqual([
    ['update', Object.fromEntries(Object.keys(DENIED).map((type) => [type, 'granted']))],
    ['update', DENIED],
    ['update', { ...DENIED, analytics_storage: 'granted' }],
    ['update', DENIED],
  ]);
  const events = await page.evaluate(() =>
    ((window as unknown as { dataLayer: Array<{ event?: string; consentkit?: { granted: string[] } }> }).dataLayer)
      .filter((e) => e.event === 'consentkit_update')
      .map((e) => e.consentkit?.granted),
  );
  expect(events).toEqual([['necessary', 'preferences', 'analytics', 'marketing'], ['necessary'], ['necessary', 'analytics'], ['necessary']]);
  await page.close();
});

test('with Global Privacy Control, "accept all" keeps marketing refused and receipts say so', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  const page = await context.newPage();
  await page.goto(server.origin + '/');
  const result = await page.evaluate(() => {
    const ck = window.consentkit!;
    const before = ck.get();
    const receipt = ck.acceptAll();
    return { before, receipt, marketing: ck.has('marketing'), analytics: ck.has('analytics') };
  });
  expect(result).toMatchObject({ before: null, marketing: false, analytics: true, receipt: { gpc: true, categories: { marketing: false } } });
  expect((await consentCommands(page)).at(-1)?.signals).toMatchObject({ ad_storage: 'denied', ad_user_data: 'denied', analytics_storage: 'granted' });

  const chosen = await page.evaluate(() => window.consentkit!.save({ marketing: true }, { source: 'preferences' }));
  expect(chosen).toMatchObject({ gpc: true, categories: { marketing: true } });
  expect((await consentCommands(page)).at(-1)?.signals).toMatchObject({ ad_storage: 'granted' });
  await context.close();
});

test('a decision in one tab applies in another open tab within a second, without reload', async () => {
  const context = await browser.newContext();
  const [first, second] = await Promise.all([context.newPage(), context.newPage()]);
  await Promise.all([first.goto(server.origin + '/'), second.goto(server.origin + '/')]);
  await second.evaluate(() => {
    window.__changes = [];
    window.consentkit!.on('change', ({ granted, revoked }) => window.__changes.push({ granted, revoked }));
  });

  await first.evaluate(() => window.consentkit!.save({ analytics: true, marketing: true }));
  await second.waitForFunction(() => window.consentkit!.has(['analytics', 'marketing']), null, { timeout: 1000 });

  await first.evaluate(() => window.consentkit!.withdraw('marketing'));
  await second.waitForFunction(() => !window.consentkit!.has('marketing'), null, { timeout: 1000 });

  expect(await second.evaluate(() => window.__changes)).toEqual([
    { granted: ['analytics', 'marketing'], revoked: [] },
    { granted: [], revoked: ['marketing'] },
  ]);
  const updates = (await consentCommands(second)).filter((c) => c.kind === 'update').map((c) => c.signals);
  expect(updates).toEqual([
    expect.objectContaining({ analytics_storage: 'granted', ad_storage: 'granted' }),
    expect.objectContaining({ analytics_storage: 'granted', ad_storage: 'denied' }),
  ]);
  await context.close();
});
