// The demo: a webinar-platform site using consentkit, with local stand-in
// trackers and the consent ledger mounted at /api/consent (SQLite, or
// PostgreSQL when DATABASE_URL is set), and its console at /api/consent/console/
// with a fresh demo editor account printed at start.
//   npm start            → http://localhost:8080 (PORT to change, DB to move the database)
//   DATABASE_URL=postgres://user@host/db npm start   → the same demo on PostgreSQL
// Also serves the examples in examples/*/ under /examples/<name>/.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTRA_LANGUAGES } from '../scripts/languages.mjs';
import { createLedgerApp, createNodeListener, createPostgresConfigStore, createPostgresStore, createSqliteConfigStore, createSqliteStore, hashPassword, loadOrCreateLedgerKey } from '../dist/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.gif': 'image/gif' };
/** What the demo serves besides the ledger: URL prefix → folder. */
const MOUNTS = [
  ['/dist/', join(root, 'dist')],
  ['/examples/', here],
  ['/', join(here, 'site')],
];

/** Starts the demo; resolves once it listens. `databaseUrl` (postgres://…) puts the ledger on PostgreSQL instead of the SQLite file `db`. */
export async function startDemo({ port = 8080, host = 'localhost', db = join(root, 'data', 'demo.db'), databaseUrl } = {}) {
  let store;
  // On PostgreSQL the key is given (several servers share it); the demo keeps one under data/, as SQLite keeps its own beside the file.
  if (databaseUrl) {
    mkdirSync(join(root, 'data'), { recursive: true });
    store = await createPostgresStore({ connection: databaseUrl, key: loadOrCreateLedgerKey(join(root, 'data', 'demo-postgres.key')) });
  } else {
    mkdirSync(dirname(db), { recursive: true });
    store = createSqliteStore(db);
  }
  // The console's tables live beside the ledger's; a fresh demo password at every start.
  const configStore = databaseUrl ? createPostgresConfigStore(store.pool, store.schema) : createSqliteConfigStore(store.db);
  const account = { name: 'demo', password: randomBytes(12).toString('base64url') };
  await configStore.putAccount({ name: account.name, role: 'editor', passwordHash: await hashPassword(account.password) });
  const ledger = createNodeListener(createLedgerApp({ store, configStore, basePath: '/api/consent' }));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo');
    if (url.pathname === '/api/consent' || url.pathname.startsWith('/api/consent/')) return void ledger(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    if (url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (url.pathname === '/consentkit.min.js') return sendFile(res, join(root, 'dist', 'consentkit.min.js'));
    serveStatic(url, res);
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(port, host, ok));
  const address = server.address();
  return {
    url: `http://${host}:${address.port}/`,
    // Where the ledger lives, as printed: a URL loses its password.
    db: databaseUrl ? databaseUrl.replace(/:\/\/([^:@/]*):[^@/]*@/, '://$1:***@') : db,
    account,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(async () => { await store.close(); ok(); }); }),
  };
}

function serveStatic(url, res) {
  for (const [prefix, folder] of MOUNTS) {
    if (!url.pathname.startsWith(prefix)) continue;
    let file = normalize(join(folder, decodeURIComponent(url.pathname.slice(prefix.length))));
    if (!file.startsWith(folder)) return send(res, 403, 'text/plain', 'forbidden');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return send(res, 404, 'text/plain', 'not found');
    if (extname(file) !== '.html') return sendFile(res, file);
    // Pages are templates: the language switch and, for the strict-CSP example, a fresh nonce.
    const nonce = randomBytes(16).toString('base64');
    const asked = url.searchParams.get('lang') ?? '';
    const lang = ['en', 'fr', ...EXTRA_LANGUAGES].includes(asked) ? asked : 'en';
    let html = readFileSync(file, 'utf8');
    // A page of the demo site is its content only, put into the site's layout.
    const title = /^<!-- title: (.*) -->\n/.exec(html);
    if (title) html = readFileSync(join(here, 'site', '_layout.html'), 'utf8').replace('{{title}}', title[1]).replace('{{content}}', html.slice(title[0].length));
    html = html.replaceAll('{{nonce}}', nonce).replace('<html lang="en">', `<html lang="${lang}">`);
    // English and French are in the default script tag; each other language has a file of its own, still one request.
    if (EXTRA_LANGUAGES.includes(lang)) html = html.replace('<script src="/consentkit.min.js">', `<script src="/dist/consentkit.${lang}.min.js">`);
    const headers = {};
    if (html.includes('data-csp="strict"')) {
      headers['content-security-policy'] = `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'nonce-${nonce}'; object-src 'none'; base-uri 'none'`;
    }
    return send(res, 200, TYPES['.html'], html, headers);
  }
  send(res, 404, 'text/plain', 'not found');
}

function sendFile(res, file) {
  if (!existsSync(file)) return send(res, 404, 'text/plain', 'not built: run npm run build');
  send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const demo = await startDemo({ port: Number(process.env.PORT ?? 8080), db: process.env.DB ? resolve(process.env.DB) : undefined, databaseUrl });
  console.log(`consentkit demo on ${demo.url}`);
  console.log(`  consent ledger: ${demo.url}api/consent (${databaseUrl ? 'PostgreSQL' : 'SQLite'} database: ${demo.db})`);
  console.log(`  console: ${demo.url}api/consent/console/  demo account: ${demo.account.name} / ${demo.account.password} (editor)`);
  console.log(`  examples: ${['plain-html', 'esm', 'google-consent-mode', 'strict-csp'].map((e) => `${demo.url}examples/${e}/`).join('  ')}`);
  console.log('Ctrl-C to stop.');
  const stop = async () => { await demo.close(); console.log('stopped'); process.exit(0); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
