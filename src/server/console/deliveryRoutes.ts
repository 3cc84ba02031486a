import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { ConfigStore } from '../config/ConfigStore';
import { BUILT_IN_TEXTS } from '../../ui/texts/builtInTexts';
import { toConsentKitConfig } from '../config/toConsentKitConfig';
import { inlineConfigScript } from './inlineConfigScript';

export interface DeliveryOptions {
  store: ConfigStore;
  base: string;
  /** The script-tag build's source. */
  sdk: () => string;
  /** Seconds visitors' browsers and CDNs keep a published configuration. */
  maxAge: number;
  /** Seconds a stale copy may still be used while it is refreshed. */
  staleWhileRevalidate: number;
}

/**
 * What visitors get: the published configuration, with the ledger as its
 * endpoint (this origin and base path). Before the first publish, the SDK's
 * defaults. Also the version number (or 0), and whether the site enables
 * languages beyond the script's English and French, whose texts are inlined.
 */
async function published(c: Context, options: DeliveryOptions) {
  const current = await options.store.current();
  const config = current ? toConsentKitConfig(current.config, current.number) : {};
  const inlinedLanguages = (current?.config.languages ?? []).some((language) => !BUILT_IN_TEXTS[language]);
  return { config: { ...config, endpoint: new URL(c.req.url).origin + options.base }, version: current?.number ?? 0, inlinedLanguages };
}

/** 200 with an ETag and a short shared cache, or 304 when the browser's copy is current. */
function cached(c: Context, body: string, type: string, version: number, options: DeliveryOptions): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = {
    etag,
    'cache-control': `public, max-age=${options.maxAge}, stale-while-revalidate=${options.staleWhileRevalidate}`,
    'x-consentkit-version': String(version),
    'x-content-type-options': 'nosniff',
    // Public data: any site may read config.json.
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'etag, x-consentkit-version',
  };
  const match = c.req.header('if-none-match');
  if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, 'content-type': type } });
}

/** `GET {base}/consentkit.js`: the script-tag build with the published configuration inlined. */
export async function serveScript(c: Context, options: DeliveryOptions): Promise<Response> {
  const { config, version, inlinedLanguages } = await published(c, options);
  return cached(c, inlineConfigScript(config, options.sdk(), inlinedLanguages), 'text/javascript; charset=utf-8', version, options);
}

/** `GET {base}/config.json`: the same configuration for `createConsentKit(config)` and server-side rendering. */
export async function serveConfig(c: Context, options: DeliveryOptions): Promise<Response> {
  const { config, version } = await published(c, options);
  return cached(c, JSON.stringify(config), 'application/json; charset=utf-8', version, options);
}
