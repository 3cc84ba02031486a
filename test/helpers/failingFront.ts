import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One failure to answer with: a status, and headers a proxy might add (e.g. Retry-After, or CORS headers). */
export type Failure = number | { status: number; headers?: Record<string, string> };

/** One request the front got, and what it answered. */
export interface Exchange {
  /** As in `requests`: "POST /receipts". */
  route: string;
  /** The request's Content-Type, if it had one. */
  contentType: string | undefined;
  /** The request body as text, once it has arrived ('' for none). */
  body: string;
  /** The status the client got (the front's failure, or the ledger's answer, or 502 when the ledger did not answer); null until then. */
  status: number | null;
}

export interface FailingFront {
  /** The SDK's `endpoint` through the front, e.g. http://127.0.0.1:40123/api/consent */
  endpoint: string;
  /** Every request the front got, in order, as method and path under the base, with its query string if any: "POST /notices", "GET /subjects/…?cursor=…". */
  requests: string[];
  /** The same requests with their content type, body and the status answered. */
  exchanges: Exchange[];
  /** Answers the next requests for `route` ("POST /notices", exactly as in `requests`) with these failures, one each, in order; the ones after go to the ledger again. */
  fail(route: string, ...failures: Failure[]): void;
  close(): Promise<void>;
}

export interface FailingFrontOptions {
  /** The ledger's base path, left out of `requests`. @default '/api/consent' */
  base?: string;
  /** 0 picks a free port; a front closed and started again on its port is a ledger that comes back. @default 0 */
  port?: number;
}

/**
 * What a failing network or proxy between the SDK and a real ledger does: it
 * answers the requests it was told to fail with the chosen status (a bare
 * text answer, as a proxy gives: nothing of the ledger's, and no CORS headers
 * unless the failure names them), and forwards every other request unchanged
 * to the ledger at `ledgerUrl`, streaming the ledger's answer back unchanged.
 * It knows nothing of the protocol; `requests` and `exchanges` are the
 * traffic the tests observe.
 */
export async function startFailingFront(ledgerUrl: string, { base = '/api/consent', port = 0 }: FailingFrontOptions = {}): Promise<FailingFront> {
  const ledger = new URL(ledgerUrl);
  const requests: string[] = [];
  const exchanges: Exchange[] = [];
  const failures: Array<{ route: string; failure: Failure }> = [];
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const route = `${req.method ?? 'GET'} ${url.startsWith(base) ? url.slice(base.length) : url}`;
    requests.push(route);
    const exchange: Exchange = { route, contentType: req.headers['content-type'], body: '', status: null };
    exchanges.push(exchange);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    const received = new Promise<void>((resolve) => req.on('end', resolve));
    void received.then(() => (exchange.body = Buffer.concat(chunks).toString('utf8')));
    const answer = (status: number, headers: Record<string, string | string[] | undefined>) => {
      exchange.status = status;
      res.writeHead(status, headers);
    };
    const failed = failures.find((f) => f.route === route);
    if (failed) {
      failures.splice(failures.indexOf(failed), 1);
      const { status, headers = {} } = typeof failed.failure === 'number' ? { status: failed.failure } : failed.failure;
      req.resume();
      // Answered once the whole request is in, so its body is in the log when the client reads the answer.
      void received.then(() => {
        answer(status, { 'content-type': 'text/plain', ...headers });
        res.end(`failed by the front (${status})`);
      });
      return;
    }
    const upstream = forward({ host: ledger.hostname, port: ledger.port, method: req.method, path: url, headers: req.headers }, (reply) => {
      answer(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) answer(502, { 'content-type': 'text/plain' });
      res.end('the ledger did not answer');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}${base}`,
    requests,
    exchanges,
    fail: (route, ...answers) => void failures.push(...answers.map((failure) => ({ route, failure }))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
