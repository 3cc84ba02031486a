import type { ConsentCore } from '../core/createConsentCore';

/** `_ga_*` becomes /^_ga_.*$/; a RegExp is kept. */
const toRegExp = (pattern: string | RegExp): RegExp =>
  typeof pattern == 'string' ? RegExp(`^${pattern.split('*').map((s) => s.replace(/\W/g, '\\$&')).join('.*')}$`) : pattern;

/**
 * Deletes the cookies and storage keys of these categories' services and
 * emits `clear` with what went and what the page can still read (`quiet`:
 * only when there was something). A deletion only hits a cookie with the
 * same domain and path, so each cookie is deleted under every domain it could
 * have been set on (none, the host, each parent domain) and every path (`/`,
 * the current path and its parents). The consent cookie and the kit's own
 * storage keys are never touched.
 */
export function clearCookies(core: ConsentCore, d: Document, categories: string[], quiet?: boolean): void {
  const { config } = core;
  const services = config.categories.filter((c) => categories.includes(c.id)).flatMap((c) => c.services);
  const matcher = (kind: 'cookies' | 'storage') => {
    const patterns = services.flatMap((s) => s[kind] ?? []).map(toRegExp);
    // search() ignores a /g RegExp's lastIndex, unlike test().
    const matches = (name: string) => !!name && name.split(':')[0] != config.cookie.name && patterns.some((p) => name.search(p) > -1);
    return patterns[0] && matches;
  };
  const names = () => d.cookie.split(/; */).map((c) => c.split('=')[0]!);
  const isKey = matcher('storage');
  const isCookie = matcher('cookies');
  const found = isCookie ? [...new Set(names().filter(isCookie))] : [];
  const removed: string[] = [];
  const remaining: string[] = [];
  const { hostname, pathname, protocol } = location;
  const tail = `=;max-age=0${protocol == 'https:' ? ';secure' : ''};path=`;
  const domains = [''];
  const paths = ['/'];
  for (let host = hostname; host; host = host.replace(/^[^.]*\.?/, '')) domains.push(';domain=' + host);
  for (let path = pathname; path; path = path.replace(/\/[^/]*$/, '')) paths.push(path, path + '/');
  for (const name of found) for (const domain of domains) for (const path of paths) d.cookie = name + tail + path + domain;
  // Opening web storage costs a synchronous disk read: only when a service names keys.
  if (isKey) try {
    for (const store of [localStorage, sessionStorage]) {
      for (const key of Object.keys(store)) if (isKey(key)) store.removeItem(key), removed.push(key);
    }
  } catch {
    // Storage refused (sandboxed frame, privacy mode): nothing stored to clear.
  }
  const left = found[0] ? names() : [];
  for (const name of found) (left.includes(name) ? remaining : removed).push(name);
  if (!quiet || removed[0] || remaining[0]) core.emit('clear', { categories, removed, remaining });
}
