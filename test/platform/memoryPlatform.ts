import type { CookieJar, Platform, TabChannel, Timers, Transport, WebStore } from '../../src/platform/Platform';

/** A clock the test moves by hand. */
export function createFakeClock(start = Date.parse('2026-11-29T16:00:00.000Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), set: (t: number) => void (now = t) };
}

/** Web storage in a Map: it always accepts. */
export function createMemoryWebStore(): WebStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: (key) => map.get(key) ?? null,
    set(key, value) {
      map.set(key, value);
      return true;
    },
    remove: (key) => void map.delete(key),
    keys: () => [...map.keys()],
  };
}

/** Cookies in a Map: a cookie with no lifetime left is deleted, as a browser does. */
export function createMemoryCookieJar(): CookieJar & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: (name) => map.get(name) ?? null,
    names: () => [...map.keys()],
    set(name, value, { maxAgeDays }) {
      if (maxAgeDays > 0) map.set(name, value);
      else map.delete(name);
    },
    remove: (name) => void map.delete(name),
  };
}

/** A tab channel that delivers nowhere (one tab). */
const lonelyChannel = (): TabChannel => ({ post() {}, listen() {}, close() {} });

export interface MemoryPlatformOptions {
  /** @default the global fetch, looked up on each call (a real local server in sync tests) */
  fetch?: Transport['fetch'];
  /** @default a beacon that goes nowhere */
  beacon?: Transport['beacon'];
  /** @default a page that is never hidden and never goes offline */
  watchPage?: Transport['watchPage'];
  /** @default the global setTimeout and clearTimeout, looked up on each call (so fake timers apply) */
  timers?: Timers;
  /** @default a fake clock at 2026-11-29T16:00:00Z */
  clock?: ReturnType<typeof createFakeClock> | { now(): number };
  /** @default false */
  gpc?: boolean;
  /** @default ['en'] */
  languages?: string[];
  document?: Document | null;
}

/**
 * A platform with every service in memory, for tests of every layer in
 * Node: no window, no document, no global storage.
 */
export function createMemoryPlatform(options: MemoryPlatformOptions = {}) {
  const reloads: number[] = [];
  const platform = {
    cookies: createMemoryCookieJar(),
    local: createMemoryWebStore(),
    session: createMemoryWebStore(),
    clock: options.clock ?? createFakeClock(),
    timers: options.timers ?? { set: (run: () => void, ms: number) => setTimeout(run, ms), clear: (id: ReturnType<typeof setTimeout> | undefined) => clearTimeout(id) },
    transport: {
      fetch: options.fetch ?? ((input: string | URL | Request, init?: RequestInit) => fetch(input, init)),
      beacon: options.beacon ?? (() => {}),
      watchPage: options.watchPage ?? (() => () => {}),
    },
    openTabChannel: lonelyChannel,
    page: {
      document: options.document ?? null,
      href: () => 'https://www.example.com/',
      reload: () => void reloads.push(Date.now()),
      languages: () => options.languages ?? ['en'],
      globalPrivacyControl: () => options.gpc === true,
    },
    /** Each `page.reload()` call. */
    reloads,
  } satisfies Platform & { reloads: number[] };
  return platform;
}
