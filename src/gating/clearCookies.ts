import type { ConsentCore } from '../core/createConsentCore';
import type { Platform } from '../platform/Platform';

/** A service's name pattern as a RegExp: `_ga_*` globs become /^_ga_.*$/, RegExps are kept. */
const toRegExp = (pattern: string | RegExp): RegExp =>
  typeof pattern === 'string' ? RegExp(`^${pattern.replace(/\W/g, '\\$&').replace(/\\\*/g, '.*')}$`) : pattern;

/**
 * Deletes the cookies and storage keys of every refused service, so a
 * refused one goes while a granted one of the same category stays, and emits
 * `clear` naming the `revoked` categories and services (default: the refused
 * categories), what went and what the page can still read (without
 * `revoked`: only when there was something). Each cookie goes through the platform's cookie jar, which
 * deletes it under every domain and path it could have been set on. The
 * consent cookie and the kit's own storage keys are never touched.
 */
export function clearCookies(core: ConsentCore, platform: Platform, revoked?: string[]): void {
  const { config } = core;
  const categories = revoked ?? config.categories.map((c) => c.id).filter((id) => !core.has(id));
  const services = config.categories.flatMap((c) => c.services).filter((service) => !core.has(service.id));
  const cookiePatterns = services.flatMap((s) => s.cookies ?? []).map(toRegExp);
  const keyPatterns = services.flatMap((s) => s.storage ?? []).map(toRegExp);
  /** The names that match a pattern; the kit's own (`consentkit`, `consentkit:…`) never do. */
  const matching = (patterns: RegExp[], names: string[]) =>
    // search() ignores a /g RegExp's lastIndex, unlike test().
    names.filter((name) => name !== '' && name.split(':')[0] !== config.cookie.name && patterns.some((p) => name.search(p) > -1));
  /** The matching cookies the page can read; the cookies are read only when a service names some. */
  const readable = () => (cookiePatterns.length > 0 ? matching(cookiePatterns, platform.cookies.names()) : []);

  const found = readable();
  for (const name of found) platform.cookies.remove(name);
  const removed: string[] = [];
  // Opening web storage costs a synchronous disk read: only when a service names keys.
  if (keyPatterns.length > 0) {
    for (const store of [platform.local, platform.session]) {
      for (const key of matching(keyPatterns, store.keys())) {
        store.remove(key);
        removed.push(key);
      }
    }
  }
  // Read again only after a deletion: each read of document.cookie is a synchronous call to the browser's cookie store, at start-up too.
  const remaining = found.length > 0 ? readable() : [];
  removed.push(...found.filter((name) => !remaining.includes(name)));
  if (revoked !== undefined || removed.length > 0 || remaining.length > 0) core.emit('clear', { categories, removed, remaining });
}
