// A local HTTP server for the benchmark: serves the built SDK from dist/ and the
// peers straight from node_modules (never copied), plus one HTML page per library,
// and remembers which files each page load fetched (for the byte counts).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

/**
 * Maps a URL path to a file it may serve: /dist/* from dist/, /nm/<pkg>/* from
 * node_modules/<pkg>/; anything else, or a path escaping those folders, is null.
 * @param {string} path
 */
function fileFor(path) {
  const base = path.startsWith('/dist/') ? resolve(ROOT, 'dist') : path.startsWith('/nm/') ? resolve(ROOT, 'node_modules') : null;
  if (!base) return null;
  const file = resolve(base, decodeURIComponent(path.replace(/^\/(dist|nm)\//, '')));
  return file.startsWith(base + sep) ? file : null;
}

/**
 * @returns {Promise<{ origin: string, page(path: string, html: string): void, served: string[], close(): Promise<void> }>}
 * `served` lists the files (absolute paths) sent since it was last emptied.
 */
export async function createBenchServer() {
  /** @type {Map<string, string>} */
  const pages = new Map();
  /** @type {string[]} */
  const served = [];
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const html = pages.get(path);
    if (html != null) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return void res.end(html);
    }
    const file = fileFor(path);
    const body = file && (await readFile(file).catch(() => null));
    if (!file || !body) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('not found');
    }
    served.push(file);
    res.writeHead(200, { 'content-type': TYPES[/** @type {keyof TYPES} */ (extname(file))] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${address.port}`,
    page: (path, html) => void pages.set(path, html),
    served,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok(undefined));
      }),
  };
}
