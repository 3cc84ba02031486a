import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { ConfigStore } from '../config/ConfigStore';
import { toConsentKitConfig } from '../config/toConsentKitConfig';
import { errorResponse } from '../jsonResponse';
import { createConsoleApi } from './consoleApi';
import { CONSOLE_CSP, consolePage, previewCsp, previewPage, previewSchemeCss } from './consolePage';
import { type ConsoleEnv, readSession } from './consoleSession';
import { serveConfig, serveScript } from './deliveryRoutes';
import { findAssets } from './findAssets';
import { inlineConfigScript } from './inlineConfigScript';
import type { SignInLimit } from './signInLimiter';

export interface ConsoleOptions {
  configStore: ConfigStore;
  /** The ledger's path prefix. @default '/api/consent' */
  basePath?: string;
  /** Folder with consentkit.min.js, console.js and console.css. @default the package's dist/ */
  assets?: string;
  /** How long a session lasts after sign-in, in ms. @default 28800000 (8 hours) */
  sessionMs?: number;
  /** Failed sign-ins allowed per address and per name. @default { attempts: 5, windowMs: 900000 } */
  signInLimit?: SignInLimit;
  /** Seconds browsers keep `consentkit.js` and `config.json`: how long a publish or rollback takes to reach visitors. @default 300 */
  maxAge?: number;
  /** Seconds a stale copy may serve while it is refreshed in the background. @default 86400 */
  staleWhileRevalidate?: number;
  /** Server time in ms (sessions, rate limits, audit times). @default Date.now */
  clock?: () => number;
}

const LANGUAGE = /^[a-z]{2,3}$/;
const page = (html: string, csp: string) =>
  new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' } });

/**
 * The console and the delivery of the published configuration, as a Hono app
 * that answers `{base}/consentkit.js`, `{base}/config.json` and everything
 * under `{base}/console/`. createLedgerApp mounts it beside the ledger.
 */
export function createConsoleApp(options: ConsoleOptions): Hono<ConsoleEnv> {
  const base = (options.basePath ?? '/api/consent').replace(/\/+$/, '');
  const store = options.configStore;
  const now = options.clock ?? Date.now;
  const assets = options.assets ?? findAssets();
  const files = new Map<string, string>();
  // Read once: the build does not change under a running server.
  const asset = (name: string) => files.get(name) ?? files.set(name, readFileSync(join(assets, name), 'utf8')).get(name)!;
  const delivery = { store, base, sdk: () => asset('consentkit.min.js'), maxAge: options.maxAge ?? 300, staleWhileRevalidate: options.staleWhileRevalidate ?? 86_400 };

  const app = new Hono<ConsoleEnv>().basePath(base);
  app.get('/consentkit.js', (c) => serveScript(c, delivery));
  app.get('/config.json', (c) => serveConfig(c, delivery));

  app.get('/console', (c) => c.redirect(`${base}/console/`, 301));
  // The page itself holds no data; without a session it is the sign-in form.
  app.get('/console/', () => page(consolePage(base), CONSOLE_CSP));
  for (const [name, type] of [['console.js', 'text/javascript'], ['console.css', 'text/css']] as const) {
    app.get(`/console/${name}`, () => new Response(asset(name), { headers: { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' } }));
  }

  // The preview runs the real SDK on the draft, so it needs a session like the draft itself.
  app.use('/console/preview*', async (c, next) => ((await readSession(c, store, now())) ? next() : errorResponse(401, 'not_signed_in', 'Sign in to use the console.')));
  app.get('/console/preview', (c) => {
    const language = LANGUAGE.test(c.req.query('lang') ?? '') ? c.req.query('lang')! : 'en';
    const nonce = randomBytes(16).toString('base64');
    const scheme = c.req.query('theme') === 'dark' ? 'dark' : 'light';
    return page(previewPage(base, language, nonce, `lang=${language}`, scheme), previewCsp(nonce));
  });
  for (const scheme of ['light', 'dark'] as const) {
    app.get(`/console/preview-${scheme}.css`, () => new Response(previewSchemeCss(scheme), { headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' } }));
  }
  app.get('/console/preview.js', async (c) => {
    const language = LANGUAGE.test(c.req.query('lang') ?? '') ? c.req.query('lang')! : 'en';
    const draft = await store.draft();
    // No endpoint: choices made in the preview are never sent to the ledger. A cookie of its own, so the preview never reads the editor's own consent.
    const config = { ...toConsentKitConfig(draft.config), language, cookie: { name: 'consentkit_preview' }, settingsButton: false, reloadOnWithdraw: false };
    return new Response(inlineConfigScript(config, asset('consentkit.min.js')), { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' } });
  });
  app.get('/console/preview-boot.js', () => new Response(asset('console-preview.js'), { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' } }));

  app.route('/console/api', createConsoleApi({ store, base, now, sessionMs: options.sessionMs ?? 8 * 3_600_000, signInLimit: options.signInLimit ?? {} }));
  return app;
}
