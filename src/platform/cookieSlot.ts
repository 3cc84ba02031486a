import Cookies from 'js-cookie';
import type { RecordSlot } from '../core/storage';

export interface CookieSlotOptions {
  name: string;
  domain: string | null;
}

/**
 * The consent cookie (CONTRACT §6): first-party, `SameSite=Lax`, `Secure` on
 * https, path `/`. Every access is guarded: where cookies are refused or there
 * is no document, it reads as empty and writes nowhere; the core keeps the
 * decision in memory for the page view.
 */
export function createCookieSlot({ name, domain }: CookieSlotOptions): RecordSlot {
  const attributes = () => ({
    path: '/',
    sameSite: 'Lax' as const,
    secure: typeof location !== 'undefined' && location.protocol === 'https:',
    ...(domain ? { domain } : {}),
  });
  return {
    read() {
      try {
        return typeof document === 'undefined' ? null : (Cookies.get(name) ?? null);
      } catch {
        return null;
      }
    },
    write(value, maxAgeDays) {
      try {
        if (typeof document !== 'undefined') Cookies.set(name, value, { ...attributes(), expires: maxAgeDays });
      } catch {
        // Cookies refused: the decision holds for this page view only.
      }
    },
    remove() {
      try {
        if (typeof document !== 'undefined') Cookies.remove(name, attributes());
      } catch {
        // Nothing to remove where cookies are refused.
      }
    },
  };
}
