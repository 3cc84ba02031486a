// @vitest-environment jsdom
// What the build's property mangling (mangle.json) may and may not touch,
// proved on the built files: run `npm run build` first (npm test does).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test, vi } from 'vitest';
import { screen, within } from '@testing-library/dom';
import type { ConsentKit } from '../src/createConsentKit';
import type { ConsentKitConfig } from '../src/core/config';
import { en } from '../src/ui/texts';

// Paths from the repository's root: vite rewrites `new URL('…', import.meta.url)` literals.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const MANGLED: string[] = JSON.parse(read('mangle.json')).props;
const SCRIPT_TAG = read('dist/consentkit.min.js');
const NPM_BUILD = join(ROOT, 'dist/consentkit.mjs');

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.cookie = 'consentkit=; max-age=0; path=/';
  localStorage.clear();
  delete window.consentkit;
  delete window.consentkitConfig;
});

test('the published type declarations name no mangled property: the public API keeps its names', () => {
  for (const file of ['dist/consentkit.d.ts', 'dist/headless.d.ts']) {
    const names = new Set(read(file).match(/[A-Za-z_$][\w$]*/g));
    expect(MANGLED.filter((name) => names.has(name)), file).toEqual([]);
  }
});

test('no text key is mangled: sites override texts by key', () => {
  expect(MANGLED.filter((name) => name in en)).toEqual([]);
});

/** Every TypeScript file under src/, joined. */
const SOURCE = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => read(join('src', file)))
  .join('\n');

test('every listed name is shortened in the script tag, and still used by the source', () => {
  // A listed name left in the script tag means the list and the build disagree.
  const kept = MANGLED.filter((name) => new RegExp(`[.]${name}\\b|[{,]${name}:`).test(SCRIPT_TAG));
  expect(kept, 'listed in mangle.json but not renamed').toEqual([]);
  expect(MANGLED.filter((name) => !new RegExp(`\\b${name}\\b`).test(SOURCE)), 'listed in mangle.json but unused').toEqual([]);
  expect(MANGLED).toEqual([...MANGLED].sort());
});

test('no dataset key and no key of an error detail is mangled: the page and the site read them by name', () => {
  // `data.cookieDomain` is `data-cookie-domain` on the script tag; `el.dataset.service` is markup's `data-service`.
  const datasetKeys = [...SOURCE.matchAll(/\b(?:dataset|data)\.(\w+)/g)].map((match) => match[1]!);
  // The object literals handed to reportError: each key reaches the site as `error.detail.<key>`.
  const detailKeys = [...SOURCE.matchAll(/reportError\((?:[^()]|\([^()]*\))*?,\s*\{([^{}]*)\}/g)].flatMap((match) => [...match[1]!.matchAll(/(?:^|[,{\s])(\w+)\s*(?=[:,]|$)/g)].map((key) => key[1]!));
  expect(datasetKeys).toContain('cookieDomain');
  expect(detailKeys).toContain('retryIn');
  expect(MANGLED.filter((name) => datasetKeys.includes(name) || detailKeys.includes(name))).toEqual([]);
});

const CONFIG: ConsentKitConfig = {
  endpoint: '/api/consent',
  policyVersion: '2018-05-24',
  policyUrl: '/privacy',
  reloadOnWithdraw: false,
  categories: { analytics: { services: [{ name: 'Matomo', provider: 'stats.example', cookies: ['_pk_id.*'] }] } },
};

const EVENTS = ['consent', 'change', 'withdraw', 'show', 'hide', 'sync', 'error', 'clear'];

/**
 * One visitor's story on a fresh page, with a fixed clock and fixed random
 * bytes (so fixed ids): Accept all on the banner, then Analytics turned off
 * in the dialog, then marketing withdrawn through the API, then a flush.
 * Returns the cookie, web storage, the receipts, every body sent to the
 * ledger, every event the kit emitted, and the page's markup with the banner
 * and then with the dialog open.
 */
async function visit(start: () => Promise<ConsentKit>) {
  vi.useFakeTimers({ now: Date.parse('2026-11-29T16:00:00.000Z'), toFake: ['Date'] });
  let byte = 0;
  vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
    const bytes = array as unknown as Uint8Array;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (byte++ * 37) % 256;
    return array;
  });
  const sent: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      sent.push(`${init.method} ${url} ${String(init.body)}`);
      return new Response(null, { status: 204 });
    }),
  );
  const kit = await start();
  const events: string[] = [];
  for (const name of EVENTS) kit.on(name, (payload) => events.push(`${name} ${JSON.stringify(payload)}`));
  const withBanner = document.documentElement.outerHTML;
  within(screen.getByRole('region', { name: 'Cookies' })).getByRole('button', { name: 'Accept all' }).click();
  screen.getByRole('button', { name: 'Cookie settings' }).click();
  const dialog = screen.getByRole('dialog', { name: 'Cookie preferences' });
  const withDialog = document.documentElement.outerHTML;
  within(dialog).getByRole('switch', { name: 'Analytics' }).click();
  // Saving closes the dialog.
  within(dialog).getByRole('button', { name: 'Save my choices' }).click();
  kit.withdraw('marketing');
  await kit.flush();
  const seen = { cookie: document.cookie, storage: { ...localStorage }, receipts: JSON.stringify(kit.receipts()), sent, events, withBanner, withDialog };
  kit.destroy();
  return seen;
}

test('the minified script tag writes the same cookie, storage and ledger bytes, emits the same events and builds the same DOM as the unmangled npm build', async () => {
  const npm = await visit(async () => {
    const { createConsentKit } = (await import(/* @vite-ignore */ NPM_BUILD)) as typeof import('../src/index');
    return createConsentKit(CONFIG);
  });
  document.cookie = 'consentkit=; max-age=0; path=/';
  localStorage.clear();
  const scriptTag = await visit(async () => {
    window.consentkitConfig = CONFIG;
    // As a <script> would run it: a classic script in the page's global scope.
    new Function(SCRIPT_TAG)();
    return window.consentkit!;
  });

  expect(JSON.parse(npm.receipts)).toHaveLength(3);
  expect(npm.cookie).toMatch(/^consentkit=/);
  expect(npm.sent.join('\n')).toContain('"action":"withdraw"');
  expect(npm.events.map((line) => line.split(' ')[0])).toEqual(expect.arrayContaining(['consent', 'change', 'withdraw', 'show', 'hide', 'sync']));
  expect(npm.withBanner).toContain('Accept all');
  expect(npm.withDialog).toContain('role="switch"');
  expect(scriptTag).toEqual(npm);
});
