import type { ResolvedConfig } from '../core/normalizeConfig';

/** `_ga_*` becomes /^_ga_.*$/; a RegExp is kept. */
const toRegExp = (pattern: string | RegExp): RegExp =>
  typeof pattern == 'string' ? RegExp(`^${pattern.split('*').map((s) => s.replace(/\W/g, '\\$&')).join('.*')}$`) : pattern;

const cookieNames = (d: Document): string[] => d.cookie.split(/; */).map((c) => c.split('=')[0]!);

/**
 * Deletes the cookies and storage keys of these categories' services. A
 * deletion only hits a cookie with the same domain and path, so each cookie is
 * deleted under every domain it could have been set on (none, the host, each
 * parent domain) and every path (`/`, the current path and its parents). What
 * the page can still read afterwards is `remaining`. The consent cookie and
 * the kit's own storage keys are never touched.
 */
export function clearCookies(d: Document, config: ResolvedConfig, ids: string[]): { removed: string[]; remaining: string[] } {
  const services = config.categories.filter((c) => ids.includes(c.id)).flatMap((c) => c.services);
  const matcher = (patterns: Array<string | RegExp>) => (name: string) =>
    // search() ignores a /g RegExp's lastIndex, unlike test().
    !!name && name.split(':')[0] != config.cookie.name && patterns.some((p) => name.search(toRegExp(p)) > -1);
  const isKey = matcher(services.flatMap((s) => s.storage ?? []));
  const found = [...new Set(cookieNames(d).filter(matcher(services.flatMap((s) => s.cookies ?? []))))];
  const removed: string[] = [];
  const { hostname, pathname, protocol } = location;
  const tail = `=;max-age=0${protocol == 'https:' ? ';secure' : ''};path=`;
  const domains = [''];
  const paths = ['/'];
  for (let host = hostname; host; host = host.replace(/^[^.]*\.?/, '')) domains.push(';domain=' + host);
  for (let path = pathname; path; path = path.replace(/\/[^/]*$/, '')) paths.push(path, path + '/');
  for (const name of found) for (const domain of domains) for (const path of paths) d.cookie = name + tail + path + domain;
  try {
    for (const store of [localStorage, sessionStorage]) {
      for (const key of Object.keys(store)) if (isKey(key)) store.removeItem(key), removed.push(key);
    }
  } catch {
    // Storage refused (sandboxed frame, privacy mode): nothing stored to clear.
  }
  const left = cookieNames(d);
  removed.push(...found.filter((n) => !left.includes(n)));
  return { removed, remaining: found.filter((n) => left.includes(n)) };
}
