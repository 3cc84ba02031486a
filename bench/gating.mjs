// Gating speed, side by side with vanilla-cookieconsent 3.1.0 and klaro 0.7.22
// in Debian's Chromium: (1) time from "accept" until 1,000 tagged inline
// scripts have run; (2) time for a page to insert 10,000 nodes (in 100 batches
// of 100) with each library loaded, against the same page without one, i.e.
// the cost of watching the DOM, once counting script work only and once with
// the style and layout a page pays to show what it inserts. Runs are interleaved; medians are printed.
// Usage: npm run build && node bench/gating.mjs [runs=7]
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { launchChromium } from './lib/chromium.mjs';

const RUNS = Number(process.argv[2] ?? 7);
const SCRIPTS = 1000;
const root = new URL('../', import.meta.url);
const file = (path) => readFileSync(new URL(path, root));

const libraries = {
  consentkit: {
    head: `<script src="/consentkit.min.js"></script>`,
    tag: `type="text/plain" data-consent="analytics"`,
    ready: `!!window.consentkit`,
    accept: `consentkit.acceptAll()`,
  },
  'vanilla-cookieconsent': {
    // It collects tagged scripts when run(), so it runs once the body is parsed, as its docs advise.
    head: `<script src="/cookieconsent.js"></script><script>addEventListener('DOMContentLoaded', () => CookieConsent.run({
      categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
      language: { default: 'en', translations: { en: {
        consentModal: { title: 'Cookies', description: 'We use cookies.', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all' },
        preferencesModal: { title: 'Cookie preferences', sections: [] } } } } }).then(() => (window.ccReady = true)));</script>`,
    tag: `type="text/plain" data-category="analytics"`,
    ready: `window.ccReady === true`,
    accept: `CookieConsent.acceptCategory('all')`,
  },
  klaro: {
    head: `<script>window.klaroConfig = { version: 1, elementID: 'klaro', storageMethod: 'cookie', cookieName: 'klaro',
      acceptAll: true, services: [{ name: 'analytics', purposes: ['analytics'], default: false }],
      translations: { en: { purposes: { analytics: 'Analytics' }, analytics: { description: 'Statistics.' } } } };</script>
      <script src="/klaro.js" data-config="klaroConfig"></script>`,
    tag: `type="text/plain" data-type="text/javascript" data-name="analytics"`,
    ready: `!!(window.klaro && klaro.getManager)`,
    accept: `(() => { const m = klaro.getManager(); m.changeAll(true); m.saveAndApplyConsents(); })()`,
  },
  none: { head: '', tag: '', ready: 'true', accept: '' },
};

const counter = `<script>window.n = 0; function c() { if (++window.n === ${SCRIPTS}) window.doneAt = performance.now(); }</script>`;
const pages = {};
for (const [name, lib] of Object.entries(libraries)) {
  pages[`/${name}/scripts`] = `<!doctype html><html lang="en"><head>${lib.head}${counter}</head><body>
${Array.from({ length: SCRIPTS }, () => `<script ${lib.tag}>c()</script>`).join('\n')}</body></html>`;
  pages[`/${name}/insert`] = `<!doctype html><html lang="en"><head>${lib.head}</head><body><main></main></body></html>`;
}

const server = createServer((req, res) => {
  const path = req.url.split('?')[0];
  const scripts = {
    '/consentkit.min.js': 'dist/consentkit.min.js',
    '/cookieconsent.js': 'node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js',
    '/klaro.js': 'node_modules/klaro/dist/klaro.js',
  };
  if (scripts[path]) {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    return res.end(file(scripts[path]));
  }
  if (pages[path]) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    return res.end(pages[path]);
  }
  res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await launchChromium();

async function measure(name, scenario) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/${name}/${scenario == 'layout' ? 'insert' : scenario}`, { waitUntil: 'load' });
    await page.waitForFunction(libraries[name].ready, null, { timeout: 10_000 });
    if (scenario == 'scripts') {
      return await page.evaluate(`(async () => {
        const start = performance.now();
        ${libraries[name].accept};
        while (window.n < ${SCRIPTS} && performance.now() - start < 10000) await new Promise((r) => setTimeout(r, 1));
        return window.n < ${SCRIPTS} ? 'only ' + window.n + ' ran' : window.doneAt - start;
      })()`);
    }
    return await page.evaluate(async (layout) => {
      const main = document.querySelector('main');
      const start = performance.now();
      for (let batch = 0; batch < 100; batch++) {
        for (let i = 0; i < 100; i++) {
          const div = document.createElement('div');
          div.className = 'row';
          div.append(document.createElement('span'), 'row ' + i);
          main.append(div);
        }
        // Mutation observers run at the next microtask checkpoint; awaiting one
        // counts their work without the scheduler's noise between tasks.
        await Promise.resolve();
        // A page shows what it inserts: style and layout, forced here so as not to wait for a frame.
        if (layout) void main.offsetHeight;
      }
      return performance.now() - start;
    }, scenario == 'layout');
  } finally {
    await context.close();
  }
}

const names = Object.keys(libraries);
const results = {};
const deadline = Date.now() + 170_000;
for (let run = 0; run < RUNS && Date.now() < deadline; run++) {
  // Rotate the order so that no library always goes first.
  const order = names.map((_, i) => names[(i + run) % names.length]);
  for (const scenario of ['scripts', 'insert', 'layout']) {
    for (const name of order) {
      if (scenario == 'scripts' && name == 'none') continue;
      const result = await measure(name, scenario);
      if (typeof result != 'number') throw new Error(`${name}/${scenario}: ${result}`);
      (results[`${name}/${scenario}`] ??= []).push(result);
      process.stderr.write('.');
    }
  }
}
await browser.close();
server.close();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;
const overhead = (name, scenario) => {
  const base = median(results[`none/${scenario}`]);
  return `${(((median(results[`${name}/${scenario}`]) - base) / base) * 100).toFixed(1)} %`;
};
console.log(`\n${results['none/insert'].length} interleaved runs, medians, Chromium ${browser.version()}\n`);
console.log(`| library | activate ${SCRIPTS} tagged scripts after accept | insert 10,000 nodes, script only | overhead | insert 10,000 nodes with layout | overhead |`);
console.log('|---|---:|---:|---:|---:|---:|');
for (const name of names) {
  const scripts = results[`${name}/scripts`];
  const cells = ['insert', 'layout'].flatMap((s) => [ms(median(results[`${name}/${s}`])), name == 'none' ? '—' : overhead(name, s)]);
  console.log(`| ${name == 'none' ? 'no library (baseline)' : name} | ${scripts ? ms(median(scripts)) : '—'} | ${cells.join(' | ')} |`);
}
