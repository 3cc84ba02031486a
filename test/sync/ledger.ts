import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Receipt } from '../../src/core/receipt';
import type { RecordedRequest, Route } from '../helpers/testServer';

export interface Post {
  ids: string[];
  contentType: string | undefined;
  status: number;
}

/**
 * A ledger written for these tests (the real one lives in src/server): it
 * answers POST …/receipts with scripted statuses, then 200, and stores each
 * receipt once by id, as the contract's idempotency requires.
 */
export function createTestLedger() {
  const stored = new Map<string, Receipt>();
  const posts: Post[] = [];
  const script: Array<[number, Record<string, string>?]> = [];
  const route: Route = (request, response) => {
    const [status, headers = {}] = script.shift() ?? [200];
    const receipts = (JSON.parse(request.body) as { receipts: Receipt[] }).receipts;
    posts.push({ ids: receipts.map((r) => r.id), contentType: request.headers['content-type'], status });
    if (status < 300) for (const r of receipts) if (!stored.has(r.id)) stored.set(r.id, r);
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify({ stored: stored.size }));
  };
  return {
    route,
    stored,
    posts,
    /** The next answers, in order; afterwards 200. */
    answer: (...answers: Array<[number, Record<string, string>?]>) => void script.push(...answers),
  };
}

/** Serves `route` at every path on 127.0.0.1:`port` (0: any free port). */
export async function listen(port: number, route: Route): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    await route(request, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
