// @vitest-environment jsdom
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { ConsentKitConfig } from '../../src/core/config';
import { createBrowserPlatform } from '../../src/platform/createBrowserPlatform';
import { startGating } from './setup';

const config: ConsentKitConfig = {
  categories: {
    analytics: { services: [{ name: 'Stats', cookies: ['_ga', '_ga_*'], storage: ['_hj*'] }] },
    marketing: { services: [{ name: 'Pixel', cookies: [/^_fb/g] }, { name: 'Ads', cookies: ['ads'], storage: ['amp_*'] }] },
  },
};

const cookieNames = () => document.cookie.split(/; */).filter(Boolean).map((c) => c.split('=')[0]).sort();
const setCookies = (...cookies: string[]) => cookies.forEach((c) => (document.cookie = c));

beforeEach(() => history.replaceState(null, '', '/'));
afterEach(() => {
  for (const name of cookieNames()) for (const path of ['/', '/shop', '/shop/', '/shop/cart', '/shop/cart/']) document.cookie = `${name}=; max-age=0; path=${path}`;
  localStorage.clear();
  sessionStorage.clear();
});

const start = startGating;

/** The start-up purge runs after the first paint. */
const afterFirstPaint = () => new Promise((resolve) => setTimeout(resolve));

test('at start-up, cookies and storage of refused categories are deleted and reported', async () => {
  history.replaceState(null, '', '/shop/cart/item');
  setCookies('_ga=1; path=/', '_ga_XYZ=2; path=/shop', '_gid=3', '_fbp=4; path=/shop/cart', '_fbc=5', 'ads=6', 'session=7; path=/');
  localStorage.setItem('_hjSession', '1');
  localStorage.setItem('theme', 'dark');
  sessionStorage.setItem('amp_123', '1');
  const { clears } = start('', config);
  await afterFirstPaint();
  expect(cookieNames()).toEqual(['_gid', 'session']);
  expect([localStorage.getItem('_hjSession'), localStorage.getItem('theme'), sessionStorage.getItem('amp_123')]).toEqual([null, 'dark', null]);
  expect(clears).toHaveLength(1);
  const [clear] = clears as Array<{ categories: string[]; removed: string[]; remaining: string[] }>;
  expect(clear!.categories).toEqual(['preferences', 'analytics', 'marketing']);
  expect([...clear!.removed].sort()).toEqual(['_fbc', '_fbp', '_ga', '_ga_XYZ', '_hjSession', 'ads', 'amp_123']);
  expect(clear!.remaining).toEqual([]);
});

test('a cookie set on a parent path with a trailing slash (path=/shop/) is deleted too', () => {
  history.replaceState(null, '', '/shop/cart');
  setCookies('_ga=1; path=/shop/');
  expect(cookieNames()).toEqual(['_ga']);
  const { core, clears } = start('', config);
  core.acceptAll();
  core.rejectAll();
  expect(cookieNames()).toEqual([]);
  // A revocation names the categories and the services it took back.
  expect(clears).toEqual([{ categories: ['preferences', 'analytics', 'marketing', 'stats', 'pixel', 'ads'], removed: ['_ga'], remaining: [] }]);
});

test('nothing to delete at start-up: no clear event, and the cookies are read once', async () => {
  setCookies('session=1');
  // Each read of document.cookie is a synchronous call to the browser's cookie store.
  let reads = 0;
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => {
      reads += 1;
      return cookie.get!.call(document);
    },
    set: (value: string) => cookie.set!.call(document, value),
  });
  try {
    // What listing the cookies once costs (js-cookie reads document.cookie twice for it).
    createBrowserPlatform(window).cookies.names();
    const oneListing = reads;
    reads = 0;
    const { clears } = start('', config);
    await afterFirstPaint();
    expect(clears).toEqual([]);
    expect(reads).toBe(oneListing);
  } finally {
    delete (document as { cookie?: string }).cookie;
  }
});

test('withdrawing a category deletes only its cookies and says what is left', () => {
  const { core, clears } = start('', config);
  core.acceptAll();
  setCookies('_ga=1', '_ga_A=2', '_fbp=3', 'stuck_ga=4');
  // A cookie the page cannot delete (in a browser: set by the server as HttpOnly on another path).
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => cookie.get!.call(document),
    set: (value: string) => value.startsWith('_ga_A=;') || cookie.set!.call(document, value),
  });
  try {
    core.withdraw('analytics');
  } finally {
    delete (document as { cookie?: string }).cookie;
  }
  expect(cookieNames()).toEqual(['_fbp', '_ga_A', 'stuck_ga']);
  expect(clears).toEqual([{ categories: ['analytics', 'stats'], removed: ['_ga'], remaining: ['_ga_A'] }]);
});

test('the consent cookie and the kit’s own storage are never cleared, whatever the patterns', async () => {
  localStorage.setItem('consentkit:receipts', '[]');
  localStorage.setItem('tracker', '1');
  setCookies('consentkit=abc', 'other=1');
  start('', { categories: { marketing: { services: [{ name: 'Everything', cookies: ['*'], storage: ['*'] }] } } });
  await afterFirstPaint();
  expect(cookieNames()).toEqual(['consentkit']);
  expect(localStorage.getItem('consentkit:receipts')).toBe('[]');
  expect(localStorage.getItem('tracker')).toBe(null);
});

test('withdrawing a category whose elements ran reloads the page once', async () => {
  vi.useFakeTimers();
  const reload = vi.fn();
  const { core } = start(`<img data-consent="marketing" data-src="/p.gif" alt="">`, config, { reload });
  core.acceptAll();
  core.withdraw('analytics');
  vi.runAllTimers();
  expect(reload).not.toHaveBeenCalled();
  core.withdraw('marketing');
  vi.runAllTimers();
  expect(reload).toHaveBeenCalledTimes(1);
  // Granting and withdrawing again right away (a page doing it by itself on load) does not loop.
  core.acceptAll();
  core.withdraw('marketing');
  vi.runAllTimers();
  expect(reload).toHaveBeenCalledTimes(1);
  vi.useRealTimers();
});

test('reloadOnWithdraw: false never reloads', () => {
  vi.useFakeTimers();
  const reload = vi.fn();
  const { core } = start(`<img data-consent="marketing" data-src="/p.gif" alt="">`, { ...config, reloadOnWithdraw: false }, { reload });
  core.acceptAll();
  core.withdraw();
  vi.runAllTimers();
  expect(reload).not.toHaveBeenCalled();
  vi.useRealTimers();
});

test('where the page may not use cookies, the start-up purge stays quiet and throws nothing into the page', async () => {
  const refused = () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  const pageErrors: unknown[] = [];
  const onError = (event: ErrorEvent) => void pageErrors.push(event.error);
  window.addEventListener('error', onError);
  Object.defineProperty(document, 'cookie', { configurable: true, get: refused, set: refused });
  const { core, clears } = start('', config);
  try {
    await afterFirstPaint();
    core.acceptAll();
    core.withdraw('analytics');
  } finally {
    delete (document as { cookie?: string }).cookie;
    window.removeEventListener('error', onError);
  }
  expect(pageErrors).toEqual([]);
  // Nothing readable, so nothing reported left over; the withdrawal itself is still reported.
  expect(clears).toEqual([{ categories: ['analytics', 'stats'], removed: [], remaining: [] }]);
});
