import type { IncomingMessage, ServerResponse } from 'node:http';
import { createClientAddress, type TrustProxy } from './createClientAddress';
import type { ClientInfo, LedgerHandler } from './createLedgerHandler';
import { drainBody } from './drainBody';
import { requestUrl } from './requestUrl';

export interface NodeListenerOptions {
  /**
   * The origin browsers reach the ledger at, e.g. 'https://consent.example.com'.
   * Request URLs are built on it, never on the `Host` header or an absolute
   * target, which the client writes. startLedgerServer passes its own.
   * @default 'http://localhost'
   */
  publicUrl?: string;
  /** Proxies allowed to name the client in `X-Forwarded-For` (a hop count or addresses); see TrustProxy. @default undefined (the header is ignored) */
  trustProxy?: TrustProxy;
  /**
   * A body refused unread (413, 415, 403…) is read and discarded up to this size so
   * the client can read the answer; beyond it the answer is sent and the connection
   * closed, and the client may see a reset instead. @default 8388608 (8 MiB)
   */
  drainBytes?: number;
}

/** Methods Fetch's Request refuses to carry; they still deserve a 405 rather than a 500. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * The request body as a web stream that pulls from Node only as fast as it is
 * read, so a handler that stops at 64 KB leaves the rest unread rather than
 * buffered. Cancelling pauses the request; the answer then closes the connection.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause();
      req.on('data', (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      // Not after a cancel: the rest of a refused body may still be drained, and a cancelled stream cannot close.
      req.once('end', () => cancelled || controller.close());
      req.once('error', (error) => cancelled || controller.error(error));
    },
    pull() {
      req.resume();
    },
    cancel() {
      cancelled = true;
      req.removeAllListeners('data');
      req.pause();
    },
  });
}

function toRequest(req: IncomingMessage, url: URL, method: string): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // `duplex` is required by Node's fetch for a streamed body and missing from the DOM typings.
  const init = { method, headers, body: hasBody ? bodyStream(req) : null, duplex: 'half' } as RequestInit;
  return new Request(url, init);
}

const BAD_TARGET = JSON.stringify({ error: 'bad_request', message: 'The request target must be a path, e.g. /api/consent/receipts.' });

/**
 * Adapts the Web-standard handler to node:http's (req, res). Works as Express
 * middleware too: mount it with `app.use('/api/consent', listener)` and a
 * handler whose basePath is '' (Express strips the mount path from req.url).
 */
export function createNodeListener(handler: LedgerHandler, options: NodeListenerOptions = {}): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const origin = new URL(options.publicUrl ?? 'http://localhost').origin;
  const clientAddress = createClientAddress(options.trustProxy);
  const drainBytes = options.drainBytes ?? 8 * 1024 * 1024;

  async function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: Buffer | string): Promise<void> {
    // A body left unread must not be taken for the next request on a kept-alive connection.
    if (!(await drainBody(req, drainBytes))) headers.connection = 'close';
    res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  }

  return async (req, res) => {
    try {
      const url = requestUrl(req.url ?? '', origin);
      if (!url) return send(req, res, 400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, BAD_TARGET);
      const method = req.method ?? 'GET';
      const forbidden = FORBIDDEN_METHODS.has(method);
      const info: ClientInfo = {};
      const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'] as string | undefined);
      if (address) info.clientAddress = address;
      // Such a method reaches the handler as a bodiless GET that carries its real name, and gets the route's 405.
      if (forbidden) info.method = method;
      const response = await handler(toRequest(req, url, forbidden ? 'GET' : method), info);
      const body = Buffer.from(await response.arrayBuffer());
      const headers: Record<string, string | string[]> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      const cookies = response.headers.getSetCookie();
      if (cookies.length) headers['set-cookie'] = cookies;
      await send(req, res, response.status, headers, body);
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"error":"internal_error","message":"The ledger could not handle this request."}');
    }
  };
}
