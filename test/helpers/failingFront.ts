import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FailingFront {
  /** The SDK's `endpoint` through the front, e.g. http://127.0.0.1:40123/api/consent */
  endpoint: string;
  /** Every request the front got, in order, as method and path under the base: "POST /notices" (no query string). */
  requests: string[];
  /** Answers the next requests for `route` ("POST /notices") with these statuses, one each, in order; the ones after go to the ledger again. */
  fail(route: string, ...statuses: number[]): void;
  close(): Promise<void>;
}

/**
 * What a failing network or proxy between the SDK and a real ledger does: it
 * answers the requests it was told to fail with the chosen status (a bare
 * text answer, as a proxy gives: no CORS headers, nothing of the ledger's),
 * and forwards every other request unchanged to the ledger at `ledgerUrl`,
 * streaming the ledger's answer back unchanged. It knows nothing of the
 * protocol; `requests` is the traffic the tests observe.
 */
export async function startFailingFront(ledgerUrl: string, base = '/api/consent'): Promise<FailingFront> {
  const ledger = new URL(ledgerUrl);
  const requests: string[] = [];
  const failures: Array<{ route: string; status: number }> = [];
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const route = `${req.method ?? 'GET'} ${path.startsWith(base) ? path.slice(base.length) : path}`;
    requests.push(route);
    const failure = failures.find((f) => f.route === route);
    if (failure) {
      failures.splice(failures.indexOf(failure), 1);
      const { status } = failure;
      req.resume();
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(`failed by the front (${status})`);
      return;
    }
    const upstream = forward({ host: ledger.hostname, port: ledger.port, method: req.method, path: url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('the ledger did not answer');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${base}`,
    requests,
    fail: (route, ...statuses) => void failures.push(...statuses.map((status) => ({ route, status }))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
