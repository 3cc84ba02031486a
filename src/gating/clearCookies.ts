import type { ConsentCore } from '../core/createConsentCore';

/**
 * Deletes the cookies and storage keys of the services of the `revoked`
 * categories (default: all refused ones) and emits `clear` with what went and
 * what the page can still read (without `revoked`: only when there was
 * something). A deletion only hits a cookie with the
 * same domain and path, so each cookie is deleted under every domain it could
 * have been set on (none, the host, each parent domain) and every path (`/`,
 * the current path and its parents). The consent cookie and the kit's own
 * storage keys are never touched.
 */
export function clearCookies(core: ConsentCore, revoked?: string[]): void {
  const { config } = core;
  const categories = revoked ?? config.categories.map((c) => c.id).filter((id) => !core.has(id));
  /** The names a service lists under `kind`: `_ga_*` globs become /^_ga_.*$/, RegExps are kept. */
  const patterns = (kind: 'cookies' | 'storage') =>
    config.categories
      .filter((c) => categories.includes(c.id))
      .flatMap((c) => c.services.flatMap((s) => s[kind] ?? [])).map((p) => (typeof p == 'string' ? RegExp(`^${p.replace(/\W/g, '\\$&').replace(/\\\*/g, '.*')}$`) : p));
  // search() ignores a /g RegExp's lastIndex, unlike test().
  const matching = (list: RegExp[], names: string[]) =>
    names.filter((name) => name && name.split(':')[0] != config.cookie.name && list.some((p) => name.search(p) > -1));
  const cookies = patterns('cookies');
  const keys = patterns('storage');
  /**
   * The matching cookies the page can read, each once (one may exist on
   * several domains or paths). `document.cookie` is read only when a service
   * names cookies. Where cookies are refused (sandboxed frame), reading
   * throws: then there is nothing the page could read or delete.
   */
  const readable = () => {
    try {
      return cookies[0] ? [...new Set(matching(cookies, document.cookie.split(/; */).map((c) => c.split('=')[0]!)))] : [];
    } catch {
      return [];
    }
  };
  const found = readable();
  const removed: string[] = [];
  const domains = [''];
  const paths = ['/'];
  for (let host = location.hostname; host; host = host.replace(/^[^.]*\.?/, '')) domains.push(host);
  for (let path = location.pathname; path; path = path.replace(/\/[^/]*$/, '')) paths.push(path, path + '/');
  for (const name of found) for (const domain of domains) for (const path of paths) {
    // Written like the consent cookie (src/platform/cookieSlot.ts), which compresses well.
    document.cookie = `${name}=;path=${path};max-age=0${domain ? ';domain=' + domain : ''}${location.protocol == 'https:' ? ';secure' : ''}`;
  }
  // Opening web storage costs a synchronous disk read: only when a service names keys.
  if (keys[0]) try {
    for (const store of [localStorage, sessionStorage]) {
      for (const key of matching(keys, Object.keys(store))) store.removeItem(key), removed.push(key);
    }
  } catch {
    // Storage refused (sandboxed frame, privacy mode): nothing stored to clear.
  }
  const remaining = readable();
  removed.push(...found.filter((name) => !remaining.includes(name)));
  if (revoked || removed[0] || remaining[0]) core.emit('clear', { categories, removed, remaining });
}
