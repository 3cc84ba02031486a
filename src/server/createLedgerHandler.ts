import { createCookieRefresh, type ConsentCookieOptions } from './createCookieRefresh';
import { createCors } from './createCors';
import { createRateLimiter, type RateLimitOptions } from './createRateLimiter';
import { errorResponse } from './jsonResponse';
import { postReceipts } from './postReceipts';
import type { RouteContext } from './routeContext';
import { getCheckpoints, getKey, getNotice, postNotice } from './proof/proofRoutes';
import { deleteSubject, getSubject } from './subjectRoutes';
import type { LedgerStore, SubjectLimit } from './types';
import { ID_PATTERN } from './validateReceipt';

/** What the host knows about the connection and a Request does not carry. */
export interface ClientInfo {
  /** The client's IP address (the peer, or what a trusted proxy forwarded), used as the rate-limit key by default. */
  clientAddress?: string;
  /** The real method when Fetch's Request cannot carry it (CONNECT, TRACE, TRACK): such a request arrives as a bodiless GET. */
  method?: string;
}

export interface LedgerHandlerOptions {
  store: LedgerStore;
  /** Path prefix of the routes; '' when the host already strips its mount path (Express `app.use`). @default '/api/consent' */
  basePath?: string;
  /** Page origins allowed to call the ledger from a browser, e.g. 'https://www.example.com'; '*' allows any. The ledger's own host is always allowed. @default [] */
  origins?: readonly string[];
  /**
   * The origin browsers reach the ledger at, e.g. 'https://consent.example.com': its host
   * is the ledger's own for CORS. Set it wherever the Request's URL comes from the
   * client's `Host` header (Hono, serverless). @default the request URL's origin
   */
  publicUrl?: string;
  /** Per-client token bucket; false turns it off (e.g. behind a proxy that limits already). @default { limit: 120, windowMs: 60000 } */
  rateLimit?: RateLimitOptions | false;
  /** The rate-limit key of a request. @default info.clientAddress, else 'unknown' */
  clientKey?: (request: Request, info: ClientInfo) => string;
  /** Server time in ms; receive times, the future-timestamp check and rate limits use it. @default Date.now */
  clock?: () => number;
  /** @default 65536 */
  maxBodyBytes?: number;
  /** Receipts per POST. @default 100 */
  maxBatch?: number;
  /** A receipt dated further ahead of the server clock is stored flagged `clock-skew`. @default 600000 (10 minutes) */
  maxClockSkewMs?: number;
  /** A receipt dated further behind the server clock is stored flagged `clock-skew` (the SDK retries for up to 30 days). @default 2678400000 (31 days) */
  maxClockLagMs?: number;
  /** New receipts per subject within a sliding window, counted from the stored rows (so it holds across restarts and processes); then 429. false: no cap. @default { limit: 100, windowMs: 3600000 } */
  subjectLimit?: SubjectLimit | false;
  /** Refresh the SDK's consent cookie in the answer to a same-site receipt POST (Safari caps script-written cookies at 7 days); false turns it off. @default { name: 'consentkit', maxAgeDays: 182 } */
  consentCookie?: ConsentCookieOptions | false;
  /** Unexpected failures (the store throwing); the client gets a 500 without details. @default console.error */
  onError?: (error: unknown) => void;
}

export type LedgerHandler = (request: Request, info?: ClientInfo) => Promise<Response>;

const SUBJECT_ROUTE = /^\/subjects\/([^/]*)$/;
const NOTICE_ROUTE = /^\/notices\/([^/]*)$/;
/** Fixed routes and the methods each serves. */
const ROUTES: Record<string, string[]> = { '/receipts': ['POST'], '/notices': ['POST'], '/key': ['GET'], '/checkpoints': ['GET'] };

/** The ledger as a Web-standard handler: mount it in node:http, Express, Hono or a serverless function. */
export function createLedgerHandler(options: LedgerHandlerOptions): LedgerHandler {
  const base = (options.basePath ?? '/api/consent').replace(/\/+$/, '');
  const now = options.clock ?? Date.now;
  const refreshCookie = options.consentCookie === false ? null : createCookieRefresh(options.consentCookie ?? {}, { now, publicUrl: options.publicUrl });
  const cors = createCors(options.origins ?? [], { publicUrl: options.publicUrl, credentials: refreshCookie !== null });
  const limiter = options.rateLimit === false ? null : createRateLimiter(options.rateLimit ?? {}, now);
  const clientKey = options.clientKey ?? ((_request, info) => info.clientAddress ?? 'unknown');
  const onError = options.onError ?? ((error: unknown) => console.error('[consentkit-ledger]', error));
  const ctx: RouteContext = {
    store: options.store,
    now,
    maxBodyBytes: options.maxBodyBytes ?? 65_536,
    maxBatch: options.maxBatch ?? 100,
    maxClockSkewMs: options.maxClockSkewMs ?? 600_000,
    maxClockLagMs: options.maxClockLagMs ?? 31 * 24 * 3_600_000,
    subjectLimit: options.subjectLimit === false ? null : (options.subjectLimit ?? { limit: 100, windowMs: 3_600_000 }),
  };

  async function route(request: Request, info: ClientInfo, method: string): Promise<Response> {
    let path: string;
    try {
      path = new URL(request.url).pathname;
    } catch {
      return errorResponse(400, 'bad_request', 'The request URL is malformed.');
    }
    if (!path.startsWith(base + '/')) return errorResponse(404, 'not_found', 'No such route.');
    const rest = path.slice(base.length);
    const subject = SUBJECT_ROUTE.exec(rest)?.[1];
    const notice = NOTICE_ROUTE.exec(rest)?.[1];
    const methods = ROUTES[rest] ?? (subject !== undefined ? ['GET', 'DELETE'] : notice !== undefined ? ['GET'] : null);
    if (!methods) return errorResponse(404, 'not_found', 'No such route.');

    if (method === 'OPTIONS') {
      return cors.allowed(request) ? new Response(null, { status: 204 }) : errorResponse(403, 'origin_not_allowed', 'This origin may not call the ledger.');
    }
    if (!methods.includes(method)) {
      return errorResponse(405, 'method_not_allowed', `Use ${methods.join(' or ')} here.`, { headers: { allow: [...methods, 'OPTIONS'].join(', ') } });
    }
    // A form or beacon from another site needs no preflight, so the write itself is refused.
    if (!cors.allowed(request)) return errorResponse(403, 'origin_not_allowed', 'This origin may not call the ledger.');
    const wait = limiter?.take(clientKey(request, info)) ?? 0;
    if (wait > 0) return errorResponse(429, 'too_many_requests', `Too many requests; retry in ${wait} s.`, { headers: { 'retry-after': String(wait) } });

    if (rest === '/key') return getKey(ctx);
    if (rest === '/checkpoints') return getCheckpoints(request, ctx);
    if (rest === '/notices') return postNotice(request, ctx);
    // ':' may arrive percent-encoded; a malformed escape is left as is and refused by the hash pattern.
    if (notice !== undefined) return getNotice(notice.replace(/%3a/gi, ':'), ctx);
    if (subject === undefined) {
      const response = await postReceipts(request, ctx);
      const cookie = response.ok ? refreshCookie?.(request, true) : null;
      if (cookie) response.headers.append('set-cookie', cookie);
      return response;
    }
    if (!ID_PATTERN.test(subject)) return errorResponse(400, 'invalid_subject', 'A subject id is 21 characters of A-Z a-z 0-9 _ -.');
    return method === 'GET' ? getSubject(request, subject, ctx) : deleteSubject(subject, ctx);
  }

  return async (request, info = {}) => {
    let response: Response;
    try {
      response = await route(request, info, info.method ?? request.method);
    } catch (error) {
      onError(error);
      response = errorResponse(500, 'internal_error', 'The ledger could not handle this request; retry later.');
    }
    for (const [name, value] of Object.entries(cors.headers(request))) response.headers.set(name, value);
    return response;
  };
}
