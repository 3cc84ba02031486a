export interface Cors {
  /** Headers to add to a response for this request (empty when it has no allowed Origin). */
  headers(request: Request): Record<string, string>;
  /** False when the request comes from a browser page on an origin that is neither listed nor the ledger's own. */
  allowed(request: Request): boolean;
}

const PREFLIGHT = {
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
};

/**
 * CORS from an allow-list of exact origins ('*' allows any). Same-host
 * requests are always allowed: the host is compared, not the scheme, because
 * behind a TLS-terminating proxy the ledger sees http:// for an https:// page.
 */
export function createCors(origins: readonly string[]): Cors {
  const any = origins.includes('*');
  const list = new Set(origins.map((o) => o.replace(/\/+$/, '')));
  const sameHost = (origin: string, request: Request) => {
    try {
      return new URL(origin).host === new URL(request.url).host;
    } catch {
      return false;
    }
  };
  const listed = (origin: string) => any || list.has(origin);
  return {
    allowed(request) {
      const origin = request.headers.get('origin');
      return origin === null || listed(origin) || sameHost(origin, request);
    },
    headers(request) {
      const origin = request.headers.get('origin');
      if (origin === null || !listed(origin)) return {};
      const base = { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': 'Retry-After' };
      return request.method === 'OPTIONS' ? { ...base, ...PREFLIGHT } : base;
    },
  };
}
