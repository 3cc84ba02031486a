import { afterAll, afterEach, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/testServer';
import { launchEngine, type Engine, type EngineName, type Session } from '../engines';
import { VisitorPage } from '../engines/page';

/**
 * The shop every story visits: one local server reached as www.shop.test (the
 * site), tracker.test (a tag vendor the page tags) and cdn.ads.test (a vendor
 * the site's own code loads, caught by auto-blocking). Any request whose host
 * is not www.shop.test reached a tracker.
 */
export interface Shop {
  engine: Engine;
  server: TestServer;
  /** `http://www.shop.test:<port><path>` (or another host). */
  url(path?: string, host?: string): string;
  /** A new visitor: a fresh session (own cookies and storage) with one tab open at `path`. */
  visit(path?: string): Promise<{ session: Session; page: VisitorPage }>;
  /** Requests that reached a tracker since the last visit(), as "host/path", in order. */
  trackerHits(): string[];
}

const GIF = Buffer.from('R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==', 'base64');

/** The tagged scripts in document order, then what the site's code loads and inserts later. */
export const TAGGED = ['a', 'inline-1', 'b', 'inline-2'];
export const EVERYTHING = [...TAGGED, 'dyn', 'late', 'late-inline'];
export const ANALYTICS_ONLY = ['a', 'inline-1', 'dyn', 'late', 'late-inline'];

/** The shop's pages, with the tags and the SDK served from the server's own routes. */
export function shopPage(port: number, { lang = 'en', head = '', attributes = '' } = {}): string {
  const tracker = `http://tracker.test:${port}`;
  const ads = `http://cdn.ads.test:${port}`;
  return `<!doctype html><html lang="${lang}"><head><title>Shop</title>
<script>window.ranLog = []; window.consentkitConfig = {
  blocking: { '*.ads.test': 'analytics' },
  categories: {
    analytics: { services: [{ name: 'Stats', cookies: ['_ga'] }] },
    marketing: { services: [{ name: 'Pixel', cookies: ['_fbp'] }] }
  }
};</script>${head}
<script src="/consentkit.min.js" data-policy-version="2018-05-24" data-policy-url="/privacy"${attributes}></script>
<script type="text/plain" data-consent="analytics" src="${tracker}/a.js"></script>
<script type="text/plain" data-consent="analytics">ranLog.push('inline-1')</script>
<script type="text/plain" data-consent="marketing" src="${tracker}/b.js"></script>
<script type="text/plain" data-consent="analytics marketing">ranLog.push('inline-2')</script>
</head><body><main><h1>Shop</h1><p><a href="/catalogue">Catalogue</a></p>
<img data-consent="marketing" data-src="${tracker}/pixel.gif" alt="">
<iframe data-consent="marketing" data-service="Video" data-src="${tracker}/frame.html" title="Video"></iframe>
<p><button type="button">Add to basket</button></p></main>
<script>
  // The site's own code loading trackers: caught by auto-blocking.
  const s = document.createElement('script');
  s.src = '${ads}/dyn.js';
  document.head.append(s);
  new Image().src = '${ads}/dyn.gif';
  // Tagged elements inserted after start-up; then the page says it is done.
  setTimeout(() => {
    document.body.insertAdjacentHTML('beforeend',
      '<div><script type="text/plain" data-consent="analytics" src="${tracker}/late.js"><\\/script>' +
      '<script type="text/plain" data-consent="analytics">ranLog.push("late-inline")<\\/script></div>');
    setTimeout(() => (window.pageSettled = true), 300);
  });
</script>
</body></html>`;
}

/**
 * Starts the engine and the shop before the file's stories, gives each
 * story fresh visitors, and closes every session after each story and the
 * engine after the last, even when a story fails.
 */
export function useShop(name: EngineName): Shop {
  const sessions: Session[] = [];
  const shop = {} as Shop;
  beforeAll(async () => {
    const [engine, server] = await Promise.all([launchEngine(name), startTestServer()]);
    Object.assign(shop, { engine, server });
    console.info(`[${name}] ${engine.version}`);
    for (const script of ['a', 'b', 'late', 'dyn', 'later', 'later-marketing']) {
      server.route(`/${script}.js`, (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
        res.end(`ranLog.push('${script}')`);
      });
    }
    for (const pixel of ['/pixel.gif', '/dyn.gif']) {
      server.route(pixel, (_req, res) => void res.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store' }).end(GIF));
    }
    server.page('/frame.html', '<!doctype html><html lang="en"><title>Video</title><p>video</p></html>');
    server.page('/', shopPage(server.port));
    server.page('/shop/cart', shopPage(server.port));
    server.page('/privacy', '<!doctype html><html lang="en"><title>Privacy</title><p>Privacy policy</p></html>');
  }, 90_000);
  afterEach(async () => {
    for (const session of sessions.splice(0)) await session.close().catch(() => {});
  });
  afterAll(async () => {
    await Promise.all([shop.engine?.close(), shop.server?.close()]);
  });

  shop.url = (path = '/', host = 'www.shop.test') => `http://${host}:${shop.server.port}${path}`;
  shop.trackerHits = () =>
    shop.server.requests.filter((r) => !r.headers.host?.startsWith('www.shop.test')).map((r) => `${r.headers.host?.split(':')[0]}${r.path}`);
  shop.visit = async (path = '/') => {
    const session = await shop.engine.newSession();
    sessions.push(session);
    shop.server.requests.length = 0;
    const page = await VisitorPage.open(session, shop.url(path));
    return { session, page };
  };
  return shop;
}

/** What the tagged and loaded scripts ran, in order. */
export const ranLog = (page: VisitorPage) => page.evaluate(() => (window as unknown as { ranLog: string[] }).ranLog);

/** Waits until `count` scripts ran, and for the page's own late work to finish. */
export const waitForRun = (page: VisitorPage, count: number) =>
  page.waitFor((n) => (window as unknown as { ranLog: string[] }).ranLog.length >= n && 'pageSettled' in window, count, 10_000);

/** Waits for the page's own start-up work (late insertions included) to be over. */
export const settled = (page: VisitorPage) => page.waitFor(() => 'pageSettled' in window, undefined, 10_000);

export const BANNER = { role: 'region', name: 'Cookies' };
export const DIALOG = { role: 'dialog', name: 'Cookie preferences' };
