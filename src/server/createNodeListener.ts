import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LedgerHandler } from './createLedgerHandler';

/**
 * The request body as a web stream that pulls from Node only as fast as it is
 * read, so a handler that stops at 64 KB leaves the rest unread rather than
 * buffered. Cancelling pauses the socket; the 413 then closes the connection.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause();
      req.on('data', (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once('end', () => controller.close());
      req.once('error', (error) => controller.error(error));
    },
    pull() {
      req.resume();
    },
    cancel() {
      req.removeAllListeners('data');
      req.pause();
    },
  });
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  let url: URL;
  try {
    url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    // A malformed Host header: keep the path, drop the host (same-host CORS then fails closed).
    url = new URL((req.url ?? '/').replace(/^[^/]*/, ''), 'http://localhost');
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // `duplex` is required by Node's fetch for a streamed body and missing from the DOM typings.
  const init = { method, headers, body: hasBody ? bodyStream(req) : null, duplex: 'half' } as RequestInit;
  return new Request(url, init);
}

/**
 * Adapts the Web-standard handler to node:http's (req, res). Works as Express
 * middleware too: mount it with `app.use('/api/consent', listener)` and a
 * handler whose basePath is '' (Express strips the mount path from req.url).
 */
export function createNodeListener(handler: LedgerHandler): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      const address = req.socket.remoteAddress;
      const response = await handler(toRequest(req), address ? { clientAddress: address } : {});
      const body = Buffer.from(await response.arrayBuffer());
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      // A body left unread (refused before it was read) would otherwise be drained to keep the connection alive.
      if (!req.complete) headers.connection = 'close';
      res.writeHead(response.status, { ...headers, 'content-length': String(body.byteLength) });
      res.end(body);
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"error":"internal_error","message":"The ledger could not handle this request."}');
    }
  };
}
