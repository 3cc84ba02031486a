// @vitest-environment jsdom
import { beforeEach, describe, expect, onTestFinished, test, vi } from 'vitest';
import { createCookieSlot } from '../../src/platform/cookieSlot';
import { createWebStore } from '../../src/platform/webStore';

/** `name=value; a=b; c` → { name: value, a: b, c: '' } with lower-case attribute names. */
function parseSetCookie(line: string): Record<string, string> {
  const parts = line.split(/; ?/);
  const [name, value] = parts.shift()!.split(/=(.*)/);
  return Object.fromEntries([[name!, value ?? ''], ...parts.map((p) => { const [k, v] = p.split(/=(.*)/); return [k!.toLowerCase(), v ?? '']; })]);
}

beforeEach(() => {
  vi.restoreAllMocks();
  for (const c of document.cookie.split('; ')) document.cookie = `${c.split('=')[0]}=; max-age=0; path=/`;
});

describe('the consent cookie', () => {
  test('is written first-party on path / with SameSite=Lax and a max-age, and read back', () => {
    const writes: string[] = [];
    const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
    vi.spyOn(document, 'cookie', 'set').mockImplementation((value: string) => {
      writes.push(value);
      descriptor.set!.call(document, value);
    });
    const slot = createCookieSlot({ name: 'consentkit', domain: null });
    slot.write('{"v":1}', 182);
    expect(writes).toHaveLength(1);
    const cookie = parseSetCookie(writes[0]!);
    expect(Object.keys(cookie).sort()).toEqual(['consentkit', 'max-age', 'path', 'samesite']);
    expect(cookie).toMatchObject({ path: '/', samesite: 'lax', 'max-age': String(182 * 86_400) });
    expect(decodeURIComponent(cookie.consentkit!)).toBe('{"v":1}');
    expect(slot.read()).toBe('{"v":1}');
    slot.remove();
    expect(slot.read()).toBeNull();
  });

  test('a configured name and domain are used', () => {
    const writes: string[] = [];
    vi.spyOn(document, 'cookie', 'set').mockImplementation((value: string) => void writes.push(value));
    createCookieSlot({ name: 'ck', domain: '.example.com' }).write('x', 30);
    expect(parseSetCookie(writes[0]!)).toMatchObject({ ck: 'x', path: '/', samesite: 'lax', domain: '.example.com', 'max-age': String(30 * 86_400) });
  });

  test('cookies that throw read as empty and never throw', () => {
    const denied = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    // An own property shadows Document.prototype.cookie; deleting it restores the real one.
    Object.defineProperty(document, 'cookie', { configurable: true, get: denied, set: denied });
    onTestFinished(() => void delete (document as { cookie?: string }).cookie);
    const slot = createCookieSlot({ name: 'consentkit', domain: null });
    expect(slot.read()).toBeNull();
    expect(() => slot.write('x', 1)).not.toThrow();
    expect(() => slot.remove()).not.toThrow();
  });
});

describe('web storage with a memory fallback (localStorage)', () => {
  test('uses localStorage when it works', () => {
    const store = createWebStore();
    store.set('k', 'v');
    expect(localStorage.getItem('k')).toBe('v');
    expect(store.get('k')).toBe('v');
    store.remove('k');
    expect(localStorage.getItem('k')).toBeNull();
  });

  test('falls back to memory when localStorage throws (quota, privacy mode)', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const store = createWebStore();
    expect(() => store.set('k', 'v')).not.toThrow();
    expect(store.get('k')).toBe('v');
    store.remove('k');
    expect(store.get('k')).toBeNull();
  });

  test('falls back to memory when merely touching window.localStorage throws', () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const store = createWebStore();
    store.set('k', 'v');
    expect(store.get('k')).toBe('v');
  });
});
