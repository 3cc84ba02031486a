// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { screen, within } from '@testing-library/dom';
import type { ConsentKitConfig } from '../../src/core/config';
import { createConsentKitOn, type ConsentKit } from '../../src/createConsentKit';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { createFakeClock, createMemoryPlatform } from '../platform/memoryPlatform';

// The impression ping and the receipt fields in a page (jsdom), sending to a
// real HTTP server on 127.0.0.1 that stands for the ledger.
let server: TestServer;
let kit: ConsentKit | undefined;
beforeAll(async () => {
  server = await startTestServer();
  server.route('/api/consent/impressions', (_req, res) => void res.writeHead(204).end());
  server.route('/api/consent/receipts', (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
});
afterAll(() => server.close());
afterEach(() => {
  kit?.destroy();
  kit = undefined;
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  server.requests.length = 0;
});

/** A page with the kit on it; every fetch the kit makes is listed in `fetched`, then really sent. Pass `browser` to visit again with what an earlier visit kept. */
function visit(config: ConsentKitConfig, languages = ['fr'], browser?: ReturnType<typeof createMemoryPlatform>) {
  const fetched: Array<{ url: string; init: RequestInit }> = [];
  const platform = browser ?? createMemoryPlatform({ document, languages });
  platform.transport.fetch = (input, init = {}) => {
    fetched.push({ url: String(input), init });
    return fetch(input, init);
  };
  kit = createConsentKitOn(platform, { endpoint: server.origin + '/api/consent', ...config });
  return { kit, platform, fetched };
}

async function arrived(path: string) {
  for (let tries = 0; tries < 200 && !server.requests.some((r) => r.path === path); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  return server.requests.filter((r) => r.path === path);
}

test('countImpressions: showing the banner posts one impression with the language alone, no cookie, no id', async () => {
  document.cookie = 'session=abc; path=/';
  const { kit, fetched } = visit({ countImpressions: true });
  expect(screen.getByRole('region', { name: 'Cookies' })).toBeTruthy();
  expect(fetched).toEqual([{ url: server.origin + '/api/consent/impressions', init: { method: 'POST', credentials: 'omit', keepalive: true, body: '{"language":"fr"}' } }]);
  const [impression, ...more] = await arrived('/api/consent/impressions');
  expect(more).toEqual([]);
  expect(impression).toMatchObject({ method: 'POST', body: '{"language":"fr"}' });
  expect(impression!.headers['content-type']).toBe('text/plain;charset=UTF-8');
  expect(impression!.headers.cookie).toBeUndefined();

  // Shown again on the same page: still one impression.
  kit.hide();
  kit.show();
  kit.showPreferences();
  expect(fetched.map((f) => f.url)).toEqual([server.origin + '/api/consent/impressions']);
});

test('no impression when countImpressions is off, when no banner is shown, or without an endpoint', async () => {
  const off = visit({});
  expect(screen.getByRole('region', { name: 'Cookies' })).toBeTruthy();
  within(screen.getByRole('region', { name: 'Cookies' })).getByRole('button', { name: 'Tout refuser' }).click();
  await off.kit.flush();
  expect(off.fetched.map((f) => f.url)).toEqual([server.origin + '/api/consent/receipts']);
  expect(server.requests.map((r) => r.path)).toEqual(['/api/consent/receipts']);
  off.kit.destroy();

  // The same browser again, its decision standing: no banner, so nothing to count.
  const decided = visit({ countImpressions: true }, ['fr'], off.platform);
  expect(screen.queryByRole('region', { name: 'Cookies' })).toBeNull();
  expect(decided.fetched).toEqual([]);
  decided.kit.destroy();

  const fetched: string[] = [];
  kit = createConsentKitOn(createMemoryPlatform({ document, fetch: (input, init) => (fetched.push(String(input)), fetch(input, init)) }), { countImpressions: true });
  expect(screen.getByRole('region', { name: 'Cookies' })).toBeTruthy();
  expect(fetched).toEqual([]);
});

test('a ledger that does not count impressions (404) changes nothing for the visitor', async () => {
  server.route('/api/consent/impressions', (_req, res) => void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"impressions_off"}'));
  const errors: unknown[] = [];
  const { kit } = visit({ countImpressions: true });
  kit.on('error', (e) => errors.push(e));
  await arrived('/api/consent/impressions');
  screen.getByRole('button', { name: 'Tout accepter' }).click();
  expect(kit.has('analytics')).toBe(true);
  expect(errors).toEqual([]);
});

test('receipts from the banner and the dialog carry decisionSeconds on the platform clock, and configVersion', () => {
  const clock = createFakeClock();
  const { kit } = visit({ configVersion: 7 }, ['en'], createMemoryPlatform({ document, clock }));
  clock.advance(3_400);
  screen.getByRole('button', { name: 'Customize' }).click();
  clock.advance(5_000);
  const dialog = screen.getByRole('dialog', { name: 'Cookie preferences' });
  within(dialog).getByRole('switch', { name: 'Analytics' }).click();
  within(dialog).getByRole('button', { name: 'Save my choices' }).click();
  expect(kit.receipts().at(-1)).toMatchObject({ action: 'save', source: 'preferences', decisionSeconds: 8, configVersion: 7 });

  // Closed (whether Save closes it or not), then the API decides with nothing shown: no time.
  kit.hide();
  expect(kit.rejectAll()).not.toHaveProperty('decisionSeconds');
  screen.getByRole('button', { name: 'Cookie settings' }).click();
  clock.advance(61_000);
  within(screen.getByRole('dialog', { name: 'Cookie preferences' })).getByRole('button', { name: 'Accept all' }).click();
  expect(kit.receipts().at(-1)).toMatchObject({ action: 'accept-all', source: 'settings-button', decisionSeconds: 61, configVersion: 7 });
});
