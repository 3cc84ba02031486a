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
  const write = (value: string, maxAgeDays: number) => {
    try {
      document.cookie = `${name}=${encodeURIComponent(value)};path=/;max-age=${Math.round(maxAgeDays * 86_400)};samesite=lax${domain ? ';domain=' + domain : ''}${location.protocol == 'https:' ? ';secure' : ''}`;
    } catch {
      // Cookies refused (or no document): the decision holds for this page view only.
    }
  };
  return {
    read() {
      try {
        for (const pair of document.cookie.split('; ')) {
          if (pair.startsWith(name + '=')) return decodeURIComponent(pair.slice(name.length + 1));
        }
      } catch {
        // Refused, no document, or a value that is not URI-encoded: no decision.
      }
      return null;
    },
    write,
    remove: () => write('', 0),
  };
}
