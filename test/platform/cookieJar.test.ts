// @vitest-environment jsdom
// @vitest-environment-options { "url": "https://www.shop.example/webinars/live" }
import { afterEach, expect, test, vi } from 'vitest';
import { createBrowserPlatform } from '../../src/platform/createBrowserPlatform';
import { cookieSlotIn } from '../../src/platform/cookieSlot';

afterEach(() => vi.restoreAllMocks());

/** Every `document.cookie` write, in order, passed on to jsdom. */
function recordWrites(): string[] {
  const writes: string[] = [];
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  vi.spyOn(document, 'cookie', 'set').mockImplementation((value: string) => {
    writes.push(value);
    cookie.set!.call(document, value);
  });
  return writes;
}

test('the consent cookie keeps its bytes: the value URI-encoded in full, as before js-cookie', () => {
  const writes = recordWrites();
  const record = '{"v":1,"sub":"Uakgb_J5m9g-0JDMbcJqL","c":{"necessary":1}}';
  cookieSlotIn(createBrowserPlatform(window).cookies, { name: 'consentkit', domain: null }).write(record, 182);
  expect(writes).toEqual([`consentkit=${encodeURIComponent(record)}; path=/; max-age=${182 * 86_400}; samesite=lax; secure`]);
  expect(document.cookie).toContain(`consentkit=${encodeURIComponent(record)}`);
});

test('a value that is not URI-encoded reads as absent', () => {
  const { cookies } = createBrowserPlatform(window);
  document.cookie = 'broken=%E0%A4%A; path=/';
  document.cookie = 'fine=a%20b; path=/';
  expect([cookies.get('broken'), cookies.get('fine'), cookies.get('absent')]).toEqual([null, 'a b', null]);
  expect(cookies.names()).toEqual(expect.arrayContaining(['fine']));
});

test('remove() deletes under every domain and path variant of the page, Secure on https', () => {
  const writes = recordWrites();
  createBrowserPlatform(window).cookies.remove('_ga');
  const variants = writes.map((w) => {
    const attributes = w.split('; ').slice(1);
    const get = (name: string) => attributes.find((a) => a.startsWith(name + '='))?.slice(name.length + 1) ?? '';
    expect(attributes).toContain('secure');
    expect(w.startsWith('_ga=; ')).toBe(true);
    return `${get('domain') || '(host only)'} ${get('path')}`;
  });
  expect(variants).toEqual(
    ['(host only)', 'www.shop.example', 'shop.example', 'example'].flatMap((domain) =>
      ['/', '/webinars/live', '/webinars/live/', '/webinars', '/webinars/'].map((path) => `${domain} ${path}`),
    ),
  );
});

test('without a document nothing is read or written, and nothing throws', () => {
  const platform = createBrowserPlatform(null);
  expect(platform.cookies.get('consentkit')).toBeNull();
  expect(platform.cookies.names()).toEqual([]);
  expect(() => platform.cookies.set('x', 'y', { maxAgeDays: 1, domain: null })).not.toThrow();
  expect(() => platform.cookies.remove('x')).not.toThrow();
  expect(platform.local.set('k', 'v')).toBe(false);
  expect(platform.local.get('k')).toBe('v');
});
