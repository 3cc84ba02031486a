const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** A JSON response that is never cached (it may carry a subject's records). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...BASE_HEADERS, ...headers } });
}

/** Every error has the same shape: a stable code, a sentence for people, optional details. */
export function errorResponse(status: number, error: string, message: string, extra: { details?: unknown; headers?: Record<string, string> } = {}): Response {
  const body = extra.details === undefined ? { error, message } : { error, message, details: extra.details };
  return jsonResponse(status, body, extra.headers);
}
