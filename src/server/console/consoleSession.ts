import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ConfigStore, Session } from '../config/ConfigStore';
import { errorResponse } from '../jsonResponse';

/** The session cookie's name. Its path is `{base}/console`: the visitor-facing routes never see it. */
export const SESSION_COOKIE = 'consentkit_console';

export type ConsoleEnv = { Bindings: { clientAddress?: string }; Variables: { session: Session } };

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

/** The signed-in session of a request, or null (none, unknown, or expired at `now`). */
export async function readSession(c: Context, store: ConfigStore, now: number): Promise<Session | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const session = await store.session(sha256(token));
  if (!session) return null;
  if (session.expiresAt <= now) {
    await store.deleteSession(session.idHash);
    return null;
  }
  return session;
}

/**
 * A write from another site (a form post, a fetch) is refused before anything
 * else: browsers send Origin on every cross-origin POST and Sec-Fetch-Site on
 * every request, and neither can be forged by a page.
 */
export function crossSite(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = c.req.header('origin');
  return origin !== undefined && origin !== new URL(c.req.url).origin;
}

const sameToken = (given: string | undefined, expected: string) =>
  given !== undefined && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

/**
 * Every console route but sign-in: 401 without a valid session; for writes,
 * 403 for a cross-site request or a missing or wrong `x-csrf-token`, and 403
 * for a viewer.
 */
export function requireSession(store: ConfigStore, now: () => number): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const session = await readSession(c, store, now());
    if (!session) return errorResponse(401, 'not_signed_in', 'Sign in to use the console.');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (crossSite(c)) return errorResponse(403, 'cross_site', 'Writes are accepted from the console only.');
      if (!sameToken(c.req.header('x-csrf-token'), session.csrf)) return errorResponse(403, 'csrf', 'The CSRF token is missing or wrong; reload the console.');
      // Sign-out is the one write a viewer may make.
      if (session.role !== 'editor' && !c.req.path.endsWith('/sign-out')) return errorResponse(403, 'read_only', 'Viewers can read but not change or publish.');
    }
    c.set('session', session);
    await next();
  };
}
