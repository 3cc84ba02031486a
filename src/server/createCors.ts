export interface Cors {
  /** Headers to add to a response for this request (empty when it has no allowed Origin). */
  headers(request: Request): Record<string, string>;
  /** False when the request comes from a browser page on an origin that is neither listed nor the ledger's own. */
  allowed(request: Request): boolean;
}

export interface CorsOptions {
  /** The ledger's own public URL; its host is always allowed. @default the request URL's host */
  publicUrl?: string | undefined;
  /** Answer listed origins with `Access-Control-Allow-Credentials: true`, so a page on a sibling host can send its cookie (see the cookie refresh). Never for '*'. @default false */
  credentials?: boolean;
}

const PREFLIGHT = {
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
};

/**
 * CORS from an allow-list of exact origins ('*' allows any). The ledger's own
 * host is always allowed: the host is compared, not the scheme, because behind
 * a TLS-terminating proxy the ledger sees http:// for an https:// page. That
 * host is the configured public URL, never the client-written `Host` header.
 * `Sec-Fetch-Site: same-origin` is set by the browser alone (a page cannot
 * forge it), so it also counts as the ledger's own.
 */
export function createCors(origins: readonly string[], options: CorsOptions = {}): Cors {
  const any = origins.includes('*');
  const list = new Set(origins.map((o) => o.replace(/\/+$/, '')));
  const ownHost = options.publicUrl ? new URL(options.publicUrl).host : null;
  const sameHost = (origin: string, request: Request) => {
    try {
      return new URL(origin).host === (ownHost ?? new URL(request.url).host);
    } catch {
      return false;
    }
  };
  const listed = (origin: string) => any || list.has(origin);
  return {
    allowed(request) {
      const origin = request.headers.get('origin');
      return origin === null || listed(origin) || sameHost(origin, request) || request.headers.get('sec-fetch-site') === 'same-origin';
    },
    headers(request) {
      const origin = request.headers.get('origin');
      if (origin === null || !listed(origin)) return {};
      const base: Record<string, string> = { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': 'Retry-After' };
      if (options.credentials && list.has(origin)) base['access-control-allow-credentials'] = 'true';
      return request.method === 'OPTIONS' ? { ...base, ...PREFLIGHT } : base;
    },
  };
}
