import type { RecordSlot } from '../core/storage';
import { createCookieJar } from './createCookieJar';
import type { CookieJar } from './Platform';

export interface CookieSlotOptions {
  name: string;
  domain: string | null;
}

/**
 * The consent cookie in a cookie jar: first-party, `SameSite=Lax`, `Secure`
 * on https, path `/`, the value URI-encoded (docs/sync.md and the README
 * describe its bytes). The jar never throws: where cookies are refused it
 * reads as empty and writes nowhere, and the core keeps the decision in
 * memory for the page view.
 */
export function cookieSlotIn(jar: CookieJar, { name, domain }: CookieSlotOptions): RecordSlot {
  return {
    read: () => jar.get(name),
    write: (value, maxAgeDays) => jar.set(name, value, { maxAgeDays, domain }),
    remove: () => jar.remove(name),
  };
}

/** The consent cookie of this page's document (none in Node: it reads as empty). */
export function createCookieSlot({ name, domain }: CookieSlotOptions): RecordSlot {
  return cookieSlotIn(createCookieJar(() => (globalThis.document ? globalThis.location : null)), { name, domain });
}
