import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy for an engine that cannot map host names (WebKitGTK): it
 * forwards a request for any `*.test` host, or 127.0.0.1, to 127.0.0.1 on the
 * URL's port with the Host header untouched, so the test server sees exactly
 * what it would behind real DNS. Anything else is refused: nothing leaves
 * the machine.
 */
export async function startHostProxy(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((incoming, answer) => {
    let target: URL;
    try {
      target = new URL(incoming.url ?? '');
    } catch {
      return void answer.writeHead(400).end('absolute URL expected');
    }
    if (target.protocol !== 'http:' || !(target.hostname.endsWith('.test') || target.hostname === '127.0.0.1')) {
      return void answer.writeHead(502).end('not a local test host');
    }
    const headers = { ...incoming.headers };
    delete headers['proxy-connection'];
    const forwarded = request(
      { host: '127.0.0.1', port: Number(target.port || 80), method: incoming.method, path: target.pathname + target.search, headers },
      (response) => {
        answer.writeHead(response.statusCode ?? 502, response.rawHeaders);
        response.pipe(answer);
      },
    );
    forwarded.on('error', () => answer.headersSent || answer.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  server.on('connect', (_req, socket) => socket.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
