import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Route = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface TestServer {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Adds or replaces the handler of an exact path (query string ignored). */
  route(path: string, handler: Route): void;
  /** Serves `html` at `path` with optional extra headers (e.g. a CSP). */
  page(path: string, html: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

const DIST = new URL('../../dist/', import.meta.url);

/**
 * A real HTTP server on 127.0.0.1 for tests: it records every request and
 * serves the built SDK at /consentkit.min.js and /consentkit.css.
 */
export async function startTestServer(host = '127.0.0.1'): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, Route>();
  const file = (name: string, type: string): Route => (_req, res) => {
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(readFileSync(new URL(name, DIST)));
  };
  routes.set('/consentkit.min.js', file('consentkit.min.js', 'text/javascript'));
  routes.set('/consentkit.css', file('consentkit.css', 'text/css'));
  // Browsers ask for it on every page; a 404 would show as a console error.
  routes.set('/favicon.ico', (_req, res) => void res.writeHead(204).end());

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    requests.push(recorded);
    const handler = routes.get(path);
    try {
      if (handler) await handler(recorded, res);
      else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    port,
    requests,
    route: (path, handler) => void routes.set(path, handler),
    page(path, html, headers = {}) {
      routes.set(path, (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
        res.end(html);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
