import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { generateCookie } from 'hono/cookie';
import type { ConfigStore } from '../config/ConfigStore';
import { DUMMY_HASH, verifyPassword } from '../config/hashPassword';
import type { SiteConfig } from '../config/SiteConfig';
import { siteConfigShapeErrors, validateSiteConfig } from '../config/validateSiteConfig';
import { errorResponse, jsonResponse } from '../jsonResponse';
import { type ConsoleEnv, SESSION_COOKIE, crossSite, newToken, requireSession, sha256 } from './consoleSession';
import { createSignInLimiter, type SignInLimit } from './signInLimiter';

export interface ConsoleApiOptions {
  store: ConfigStore;
  base: string;
  now: () => number;
  sessionMs: number;
  signInLimit: SignInLimit;
}

const readJson = async (request: Request): Promise<unknown> => {
  if (!/^application\/json\b/.test(request.headers.get('content-type') ?? '')) return undefined;
  try {
    return await request.json();
  } catch {
    return undefined;
  }
};

/** The console's JSON API under `{base}/console/api`; every route but sign-in needs a session. */
export function createConsoleApi(options: ConsoleApiOptions): Hono<ConsoleEnv> {
  const { store, base, now } = options;
  const api = new Hono<ConsoleEnv>();
  const limiter = createSignInLimiter(options.signInLimit, now);
  const iso = () => new Date(now()).toISOString();
  const cookiePath = `${base}/console`;
  const statsPath = `${base}/stats`;
  api.use('*', bodyLimit({ maxSize: 256 * 1024, onError: () => errorResponse(413, 'too_large', 'At most 256 KB.') }));

  api.post('/sign-in', async (c) => {
    // A cross-site sign-in would sign the visitor into the attacker's account (login CSRF).
    if (crossSite(c)) return errorResponse(403, 'cross_site', 'Sign in from the console itself.');
    const body = (await readJson(c.req.raw)) as { name?: unknown; password?: unknown } | undefined;
    if (typeof body?.name !== 'string' || typeof body.password !== 'string') return errorResponse(400, 'bad_request', 'Send {"name", "password"} as JSON.');
    const keys = [`address:${c.env?.clientAddress ?? 'unknown'}`, `name:${body.name}`];
    const wait = limiter.wait(keys);
    if (wait > 0) return errorResponse(429, 'too_many_attempts', `Too many failed sign-ins; retry in ${wait} s.`, { headers: { 'retry-after': String(wait) } });
    const account = await store.account(body.name);
    const ok = await verifyPassword(body.password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok) {
      limiter.fail(keys);
      await store.log(body.name.slice(0, 100), 'sign-in.failed', iso());
      return errorResponse(401, 'bad_credentials', 'Wrong name or password.');
    }
    const token = newToken();
    const session = { idHash: sha256(token), name: account.name, role: account.role, csrf: newToken(), expiresAt: now() + options.sessionMs };
    await store.createSession(session, now());
    await store.log(account.name, 'sign-in', iso());
    const cookie = (path: string) =>
      generateCookie(SESSION_COOKIE, token, { path, httpOnly: true, sameSite: 'Strict', secure: new URL(c.req.url).protocol === 'https:', maxAge: Math.floor(options.sessionMs / 1000) });
    const response = jsonResponse(200, { name: session.name, role: session.role, csrf: session.csrf, expiresAt: new Date(session.expiresAt).toISOString() }, { 'set-cookie': cookie(cookiePath) });
    // The same session also opens `{base}/stats` (the figures as JSON and CSV); no other ledger route sees the cookie.
    response.headers.append('set-cookie', cookie(statsPath));
    return response;
  });

  api.use('*', requireSession(store, now));

  api.get('/session', (c) => {
    const { name, role, csrf, expiresAt } = c.get('session');
    return jsonResponse(200, { name, role, csrf, expiresAt: new Date(expiresAt).toISOString() });
  });
  api.post('/sign-out', async (c) => {
    const session = c.get('session');
    await store.deleteSession(session.idHash);
    await store.log(session.name, 'sign-out', iso());
    const response = jsonResponse(200, { signedOut: true }, { 'set-cookie': generateCookie(SESSION_COOKIE, '', { path: cookiePath, httpOnly: true, sameSite: 'Strict', maxAge: 0 }) });
    response.headers.append('set-cookie', generateCookie(SESSION_COOKIE, '', { path: statsPath, httpOnly: true, sameSite: 'Strict', maxAge: 0 }));
    return response;
  });

  api.get('/draft', async (c) => {
    const draft = await store.draft();
    return jsonResponse(200, { ...draft, errors: validateSiteConfig(draft.config) });
  });
  api.put('/draft', async (c) => {
    const body = (await readJson(c.req.raw)) as { config?: unknown } | undefined;
    const shape = siteConfigShapeErrors(body?.config);
    if (shape.length) return errorResponse(422, 'invalid_config', 'The configuration cannot be stored.', { details: shape });
    await store.saveDraft(body!.config as SiteConfig, c.get('session').name, iso());
    // Saved even when the SDK would reject it: the errors say what blocks publishing.
    return jsonResponse(200, { ...(await store.draft()), errors: validateSiteConfig(body!.config) });
  });

  api.post('/publish', async (c) => {
    const errors = validateSiteConfig((await store.draft()).config);
    if (errors.length) return errorResponse(422, 'invalid_config', 'The SDK would reject this configuration; fix the draft first.', { details: errors });
    return jsonResponse(201, await store.publish(c.get('session').name, iso()));
  });
  api.get('/versions', async () => jsonResponse(200, { versions: await store.versions() }));
  api.get('/versions/:number', async (c) => {
    const version = await store.version(Number(c.req.param('number')));
    return version ? jsonResponse(200, version) : errorResponse(404, 'not_found', 'No such version.');
  });
  api.post('/versions/:number/publish', async (c) => {
    const old = await store.version(Number(c.req.param('number')));
    if (!old) return errorResponse(404, 'not_found', 'No such version.');
    // Validated again: the SDK may have become stricter since that version was published.
    const errors = validateSiteConfig(old.config);
    if (errors.length) return errorResponse(422, 'invalid_config', 'The SDK would reject that version.', { details: errors });
    return jsonResponse(201, await store.publish(c.get('session').name, iso(), old.number));
  });

  api.get('/audit', async () => jsonResponse(200, { entries: await store.audit() }));
  api.get('/audit.jsonl', async () => {
    const lines = (await store.audit()).map((entry) => JSON.stringify(entry) + '\n').join('');
    return new Response(lines, {
      headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': 'attachment; filename="consentkit-audit.jsonl"', 'cache-control': 'no-store' },
    });
  });

  api.all('*', () => errorResponse(404, 'not_found', 'No such console route.'));
  return api;
}
