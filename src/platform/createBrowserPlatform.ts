import { createCookieJar } from './createCookieJar';
import { createTabChannel } from './createTabChannel';
import { createWebStoreOn } from './createWebStore';
import type { Platform } from './Platform';
import { watchPage } from './watchPage';

/**
 * The platform of a browser page, built from its window. Without a window
 * (Node, a worker) cookies read as empty and write nowhere, storage lives in
 * memory, and the page has no address and no languages; requests go through
 * the global `fetch` where there is one.
 * @param win the page's window; null: none @default globalThis.window, null in Node
 */
export function createBrowserPlatform(win: (Window & typeof globalThis) | null = globalThis.window ?? null): Platform {
  const doc = win?.document ?? null;
  const nav = win?.navigator;
  // Only in a secure context (https, localhost): elsewhere receipts keep the 64-bit digest.
  const subtle = globalThis.crypto?.subtle;
  return {
    ...(subtle && { sha256: (bytes: Uint8Array<ArrayBuffer>) => subtle.digest('SHA-256', bytes) }),
    cookies: createCookieJar(() => (doc ? win!.location : null)),
    local: createWebStoreOn(() => win!.localStorage),
    session: createWebStoreOn(() => win!.sessionStorage),
    clock: { now: () => Date.now() },
    timers: {
      set: (run, ms) => setTimeout(run, ms),
      clear: (id) => clearTimeout(id),
    },
    transport: {
      // The global one, looked up on each call: the npm module also syncs from Node, which has fetch but no window.
      fetch: (input, init) => globalThis.fetch(input, init),
      beacon(url, body) {
        // A string goes as text/plain;charset=UTF-8: a simple request, with no CORS
        // preflight that a page being unloaded could not wait for.
        try {
          nav?.sendBeacon(url, body);
        } catch {
          // No beacon here: the next page load sends them.
        }
      },
      watchPage: (hide, online) => (win ? watchPage(win, hide, online) : () => {}),
    },
    openTabChannel: () => createTabChannel(win),
    page: {
      document: doc,
      href: () => win?.location.href ?? '',
      reload: () => win?.location.reload(),
      languages: () => [doc?.documentElement.lang, ...(nav?.languages ?? []), nav?.language].filter((l): l is string => typeof l === 'string' && l !== ''),
      globalPrivacyControl: () => (nav as { globalPrivacyControl?: unknown } | undefined)?.globalPrivacyControl === true,
    },
  };
}
