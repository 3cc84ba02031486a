// Screenshots of the banner and the preferences dialog for docs/ui.md, taken
// from the real script-tag build: light and dark, phone and desktop.
//
//   npm run build && npm run screenshots
//
// Serves dist/consentkit.min.js and a sample page on 127.0.0.1, opens them in
// Debian's Chromium (playwright-core, /usr/bin/chromium or CHROMIUM_PATH) at
// device scale 1, and writes docs/screenshots/{banner,dialog}-{phone,desktop}-{light,dark}.png.
// Each PNG is re-encoded smaller by ./lib/smallPng.mjs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { launchChromium } from '../bench/lib/chromium.mjs';
import { smallPng } from './lib/smallPng.mjs';

const ROOT = new URL('../', import.meta.url);
const OUT = new URL('docs/screenshots/', ROOT);

const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
};
const SCHEMES = ['light', 'dark'];

/** What the dialog lists: two services, so that the "Services" disclosures show. */
const CONFIG = {
  policyVersion: '2018-05-24',
  policyUrl: '/privacy',
  categories: {
    analytics: { services: [{ name: 'Audience statistics', provider: 'stats.example', purpose: 'Counting visits', duration: '13 months', cookies: ['_pk_id.*'] }] },
    marketing: { services: [{ name: 'Video embeds', provider: 'video.example', cookies: ['VISITOR_INFO1_LIVE'] }] },
  },
};

/** A plain page that follows the visitor's colour scheme, as a site behind the banner would. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Northwind webinars</title>
<style>
  :root { color-scheme: light dark; font: 17px/1.6 Georgia, serif; }
  body { max-width: 38em; margin: 0 auto; padding: 1.5em; }
  header { font: 700 1.1em sans-serif; padding-bottom: 1em; border-bottom: 1px solid #8886; }
</style>
<script>window.consentkitConfig = ${JSON.stringify(CONFIG)};</script>
<script src="/consentkit.min.js"></script></head>
<body><header>Northwind webinars</header>
<h1>Host webinars your audience remembers</h1>
<p>Schedule a session, invite your audience and present from your browser. Recordings, polls and
questions stay in one place, and attendees join without installing anything.</p>
<p>Plans start free for up to fifty attendees. Larger events, custom branding and integrations with
your CRM come with the paid plans, billed monthly or yearly.</p>
<h2>Upcoming sessions</h2>
<p>Onboarding new customers in thirty minutes, Thursday at 10:00. Measuring what your webinars bring,
Friday at 15:00. Accessible slides for everyone, next Tuesday at 11:00.</p>
</body></html>`;

function startServer() {
  const script = readFileSync(new URL('dist/consentkit.min.js', ROOT));
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/consentkit.min.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (path === '/') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else response.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Takes one screenshot and writes it re-encoded; returns the file's name and size. */
async function capture(page, name) {
  const png = smallPng(await page.screenshot({ type: 'png' }));
  writeFileSync(new URL(name, OUT), png);
  return `${name}: ${png.length} B`;
}

const server = await startServer();
const origin = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
mkdirSync(OUT, { recursive: true });
try {
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    for (const colorScheme of SCHEMES) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(origin);
      const banner = page.getByRole('region', { name: 'Cookies' });
      await banner.waitFor();
      console.log(await capture(page, `banner-${device}-${colorScheme}.png`));
      await banner.getByRole('button', { name: 'Customize' }).click();
      const dialog = page.getByRole('dialog', { name: 'Cookie preferences' });
      await dialog.waitFor();
      // One category turned on and one list of services open: the switch's two states and the disclosure.
      await dialog.getByRole('switch', { name: 'Analytics' }).check();
      await dialog.locator('summary').first().click();
      // The focus ring belongs in the picture only when it shows something: move it off the switch.
      await page.evaluate(() => document.activeElement?.blur());
      console.log(await capture(page, `dialog-${device}-${colorScheme}.png`));
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
