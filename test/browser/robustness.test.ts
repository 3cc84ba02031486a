import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { launchChromium } from './chromium';

// Bad input never breaks the host page: a broken config, refused cookies and
// storage, a failing backend. The page's own script after the tag still runs.

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
  server.route('/api/consent/receipts', (_req, res) => void res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"down"}'));
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

const page = (config: string) =>
  `<!doctype html><html lang="en"><head><script>${config}</script><script src="/consentkit.min.js" data-endpoint="/api/consent"></script></head>` +
  `<body><p id="after">not yet</p><script>document.getElementById('after').textContent = 'the page kept working';</script></body></html>`;

async function open(path: string, init?: () => void): Promise<{ page: Page; pageErrors: string[]; consoleErrors: string[] }> {
  const context = await browser.newContext();
  const p = await context.newPage();
  if (init) await p.addInitScript(init);
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  p.on('pageerror', (e) => pageErrors.push(e.message));
  p.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await p.goto(server.origin + path);
  return { page: p, pageErrors, consoleErrors };
}

test('a broken config is reported once on the console; the banner and the page still work', async () => {
  server.page('/broken-config', page(`window.consentkitConfig = { endpoint: 'javascript:alert(1)', categories: { analytics: 'yes' }, cookie: { maxAgeDays: -1 }, colour: 'red' };`));
  const { page: p, pageErrors, consoleErrors } = await open('/broken-config');
  expect(await p.locator('#after').textContent()).toBe('the page kept working');
  expect(pageErrors).toEqual([]);
  await expect.poll(() => consoleErrors).toEqual([
    '[consentkit] config: "categories.analytics" must be an object under a lower-case id; ignored',
    '[consentkit] config: "endpoint" must be a path or an http(s) URL; ignored',
    '[consentkit] config: "cookie.maxAgeDays" must be 1 to 395 days; ignored',
    '[consentkit] config: unknown key "colour"; ignored',
  ]);
  await p.getByRole('region', { name: 'Cookies' }).getByRole('button', { name: 'Reject all' }).click();
  expect(await p.evaluate(() => window.consentkit!.has('analytics'))).toBe(false);
  await p.context().close();
});

test('a config that is not an object at all falls back to the defaults', async () => {
  server.page('/config-42', page('window.consentkitConfig = 42;'));
  const { page: p, pageErrors, consoleErrors } = await open('/config-42');
  expect(pageErrors).toEqual([]);
  await expect.poll(() => consoleErrors).toEqual(['[consentkit] config: "config" must be an object; ignored']);
  expect(await p.getByRole('button', { name: 'Accept all' }).isVisible()).toBe(true);
  await p.context().close();
});

test('with cookies and storage refused, the banner works for the page view and nothing throws', async () => {
  // Services that name cookies and storage keys: the start-up purge and the withdrawal clear both try them.
  const services = `window.consentkitConfig = { categories: { analytics: { services: [{ name: 'Stats', cookies: ['_ga', '_ga_*'], storage: ['_hj*'] }] } } };`;
  server.page('/no-storage', page(services));
  const { page: p, pageErrors } = await open('/no-storage', () => {
    const denied = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Object.defineProperty(Document.prototype, 'cookie', { get: denied, set: denied });
    Object.defineProperty(window, 'localStorage', { get: denied });
    Object.defineProperty(window, 'sessionStorage', { get: denied });
  });
  expect(await p.locator('#after').textContent()).toBe('the page kept working');
  await p.getByRole('button', { name: 'Accept all' }).click();
  expect(await p.evaluate(() => [window.consentkit!.has('marketing'), window.consentkit!.receipts().length])).toEqual([true, 1]);
  expect(await p.getByRole('region', { name: 'Cookies' }).count()).toBe(0);
  const cleared = await p.evaluate(
    () => new Promise((resolve) => {
      addEventListener('consentkit:clear', (e) => resolve((e as CustomEvent).detail), { once: true });
      window.consentkit!.withdraw('analytics');
    }),
  );
  // The revoked ids: the category and its one service.
  expect(cleared).toEqual({ categories: ['analytics', 'stats'], removed: [], remaining: [] });
  expect(await p.evaluate(() => window.consentkit!.has('analytics'))).toBe(false);
  expect(pageErrors).toEqual([]);
  await p.context().close();
});

test('a failing backend keeps the receipt pending and the page working', async () => {
  server.page('/backend-down', page(''));
  const { page: p, pageErrors } = await open('/backend-down');
  await p.getByRole('button', { name: 'Accept all' }).click();
  const result = await p.evaluate(() => window.consentkit!.flush());
  expect(result).toEqual({ sent: 0, pending: 1 });
  expect(await p.evaluate(() => JSON.parse(localStorage.getItem('consentkit:outbox') ?? '[]').length)).toBe(1);
  expect(pageErrors).toEqual([]);
  await p.context().close();
});
