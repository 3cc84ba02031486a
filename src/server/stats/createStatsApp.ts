import { Hono } from 'hono';
import type { ConfigStore } from '../config/ConfigStore';
import { readSession } from '../console/consoleSession';
import { createCors } from '../createCors';
import { createRateLimiter, type RateLimitOptions } from '../createRateLimiter';
import { errorResponse, jsonResponse } from '../jsonResponse';
import { parseJsonBody } from '../parseJsonBody';
import { readBoundedBody } from '../readBoundedBody';
import { apiTokenHash } from './apiToken';
import { buildStatsReport } from './buildStatsReport';
import type { StatsService } from './createStatsService';
import { parseStatsRange } from './parseStatsRange';
import { statsCsv } from './statsCsv';
import type { StatsStore } from './StatsStore';

export interface StatsAppOptions {
  base: string;
  store: StatsStore;
  service: StatsService;
  configStore: ConfigStore;
  now: () => number;
  /** Page origins allowed to send impressions (the ledger's own `origins`). */
  origins: readonly string[];
  publicUrl?: string | undefined;
  /** The ledger's per-client limit, applied to impressions too; false: none. */
  rateLimit: RateLimitOptions | false;
  clientKey: (request: Request, clientAddress: string | undefined) => string;
  /** A store failure; the client gets a bare 500. */
  onError: (error: unknown) => void;
}

type StatsEnv = { Bindings: { clientAddress?: string } };

/** An impression body is `{"language":"fr"}`: anything longer is not one. */
const MAX_IMPRESSION_BYTES = 256;
const acceptedType = (header: string | undefined) => /^(application\/json|text\/plain)\s*(;|$)/i.test(header ?? '');

/** Whether the published configuration has the impression counter switched on (off before the first publish). */
async function countingImpressions(configStore: ConfigStore): Promise<boolean> {
  return (await configStore.current())?.config.countImpressions === true;
}

/**
 * `GET {base}/stats` (a console session or an API token) and
 * `POST {base}/impressions` (anonymous, when the site switched it on).
 */
export function createStatsApp(options: StatsAppOptions): Hono<StatsEnv> {
  const { store, service, configStore, now } = options;
  const app = new Hono<StatsEnv>().basePath(options.base);
  const cors = createCors(options.origins, { publicUrl: options.publicUrl });
  const limiter = options.rateLimit === false ? null : createRateLimiter(options.rateLimit, now);
  app.onError((error) => {
    options.onError(error);
    return errorResponse(500, 'internal_error', 'The statistics could not be read; retry later.');
  });

  app.get('/stats', async (c) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const allowed = bearer ? await store.hasToken(apiTokenHash(bearer)) : (await readSession(c, configStore, now())) !== null;
    if (!allowed) {
      return errorResponse(401, 'not_authorized', 'Sign in to the console, or send an API token (consentkit-ledger token add NAME) as Authorization: Bearer.', {
        headers: { 'www-authenticate': 'Bearer' },
      });
    }
    const query = new URL(c.req.url).searchParams;
    const range = parseStatsRange(query, now());
    if ('error' in range) return errorResponse(400, 'invalid_query', range.error);
    const format = query.get('format') ?? 'json';
    if (format !== 'json' && format !== 'csv') return errorResponse(400, 'invalid_query', 'format is json or csv.');
    await service.refresh();
    if (format === 'csv') {
      return new Response(statsCsv(await store.rows(range.from, range.to)), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="consentkit-stats-${range.from}-${range.to}.csv"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
      });
    }
    return jsonResponse(200, buildStatsReport(range.from, range.to, await store.summary(range.from, range.to), await countingImpressions(configStore)));
  });

  app.options('/impressions', (c) =>
    cors.allowed(c.req.raw) ? withCors(c.req.raw, new Response(null, { status: 204 })) : errorResponse(403, 'origin_not_allowed', 'This origin may not call the ledger.'),
  );
  app.post('/impressions', async (c) => withCors(c.req.raw, await impression(c.req.raw, c.env?.clientAddress)));
  app.all('/impressions', () => errorResponse(405, 'method_not_allowed', 'Use POST here.', { headers: { allow: 'POST, OPTIONS' } }));
  app.all('/stats', () => errorResponse(405, 'method_not_allowed', 'Use GET here.', { headers: { allow: 'GET' } }));

  function withCors(request: Request, response: Response): Response {
    for (const [name, value] of Object.entries(cors.headers(request))) response.headers.set(name, value);
    return response;
  }

  /** Reads no cookie and sets none; keeps nothing of the request but one more count for today and the language. */
  async function impression(request: Request, clientAddress: string | undefined): Promise<Response> {
    if (!cors.allowed(request)) return errorResponse(403, 'origin_not_allowed', 'This origin may not call the ledger.');
    if (!(await countingImpressions(configStore))) return errorResponse(404, 'impressions_off', 'This site does not count banner impressions.');
    // The address is a rate-limit key in memory only, as for receipts; it is never stored.
    const wait = limiter?.take(options.clientKey(request, clientAddress)) ?? 0;
    if (wait > 0) return errorResponse(429, 'too_many_requests', `Too many requests; retry in ${wait} s.`, { headers: { 'retry-after': String(wait) } });
    if (!acceptedType(request.headers.get('content-type') ?? undefined)) return errorResponse(415, 'unsupported_media_type', 'Send {"language":"…"} as text/plain or application/json.');
    let bytes: Uint8Array | 'too-large';
    try {
      bytes = await readBoundedBody(request, MAX_IMPRESSION_BYTES);
    } catch {
      return errorResponse(400, 'unreadable_body', 'The body could not be read.');
    }
    if (bytes === 'too-large') return errorResponse(413, 'payload_too_large', `An impression is at most ${MAX_IMPRESSION_BYTES} bytes.`);
    const parsed = parseJsonBody(bytes);
    const language = parsed.ok ? (parsed.value as { language?: unknown } | null)?.language : undefined;
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value) || typeof language !== 'string') {
      return errorResponse(400, 'invalid_body', 'The body must be {"language":"…"}.');
    }
    service.impression(language);
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  }

  return app;
}
