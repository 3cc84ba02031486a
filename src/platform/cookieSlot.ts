import type { RecordSlot } from '../core/storage';

export interface CookieSlotOptions {
  name: string;
  domain: string | null;
}

/**
 * The consent cookie (CONTRACT §6): first-party, `SameSite=Lax`, `Secure` on
 * https, path `/`, value URI-encoded. Written with `document.cookie` directly:
 * js-cookie cost 730 B gzip of an 8 KB budget for these three calls. Every
 * access is guarded: where cookies are refused or there is no document, it
 * reads as empty and writes nowhere; the core keeps the decision in memory for
 * the page view.
 */
export function createCookieSlot({ name, domain }: CookieSlotOptions): RecordSlot {
  const write = (value: string, maxAgeSeconds: number) => {
    try {
      document.cookie = `${name}=${encodeURIComponent(value)};path=/;max-age=${maxAgeSeconds};samesite=lax${domain ? ';domain=' + domain : ''}${location.protocol == 'https:' ? ';secure' : ''}`;
    } catch {
      // Cookies refused (or no document): the decision holds for this page view only.
    }
  };
  return {
    read() {
      try {
        for (const pair of document.cookie.split(/; */)) {
          const at = pair.indexOf('=');
          if (pair.slice(0, at) == name) return decodeURIComponent(pair.slice(at + 1));
        }
      } catch {
        // Refused, no document, or a value that is not URI-encoded: no decision.
      }
      return null;
    },
    write: (value, maxAgeDays) => write(value, Math.round(maxAgeDays * 86_400)),
    remove: () => write('', 0),
  };
}
