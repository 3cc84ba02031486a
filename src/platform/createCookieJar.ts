import Cookies from 'js-cookie';
import type { CookieJar } from './Platform';

/** The parts of `location` that decide a cookie's variants. */
export interface CookieLocation {
  hostname: string;
  pathname: string;
  protocol: string;
}

/** Every domain a cookie could have been set on from `host`: none, the host, each parent domain. */
function domainVariants(host: string): string[] {
  const domains = [''];
  for (let domain = host; domain !== ''; domain = domain.replace(/^[^.]*\.?/, '')) domains.push(domain);
  return domains;
}

/** Every path a cookie could have been set on from `path`: `/`, the path and each parent, with and without a trailing slash. */
function pathVariants(path: string): string[] {
  const paths = ['/'];
  for (let parent = path; parent !== ''; parent = parent.replace(/\/[^/]*$/, '')) paths.push(parent, parent + '/');
  return [...new Set(paths)];
}

/**
 * The cookie jar on js-cookie. `where` is read on every call (the page may
 * change its path with the History API); null means no document: nothing is
 * read or written. Every access is guarded, since reading or writing
 * `document.cookie` throws where cookies are refused.
 */
export function createCookieJar(where: () => CookieLocation | null): CookieJar {
  // Values are URI-encoded in full (`encodeURIComponent`), not in js-cookie's
  // lighter default encoding, so the consent cookie keeps its documented bytes.
  // A value that does not decode is skipped by js-cookie: it reads as absent.
  const jar = Cookies.withConverter<string>({
    read: (value) => decodeURIComponent(value),
    write: (value) => encodeURIComponent(value),
  });
  const secure = (location: CookieLocation) => location.protocol === 'https:';
  return {
    get(name) {
      try {
        return where() ? jar.get(name) ?? null : null;
      } catch {
        return null;
      }
    },
    names() {
      try {
        return where() ? Object.keys(jar.get()) : [];
      } catch {
        return [];
      }
    },
    set(name, value, { maxAgeDays, domain }) {
      const location = where();
      if (!location) return;
      try {
        jar.set(name, value, {
          path: '/',
          'max-age': String(Math.round(maxAgeDays * 86_400)),
          samesite: 'lax',
          domain: domain ?? undefined,
          secure: secure(location),
        });
      } catch {
        // Cookies refused: the decision holds for this page view only.
      }
    },
    remove(name) {
      const location = where();
      if (!location) return;
      try {
        for (const domain of domainVariants(location.hostname)) {
          for (const path of pathVariants(location.pathname)) {
            jar.remove(name, { path, domain: domain === '' ? undefined : domain, secure: secure(location) });
          }
        }
      } catch {
        // Cookies refused: there is nothing the page could delete.
      }
    },
  };
}
