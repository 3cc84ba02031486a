#!/usr/bin/env node
// Where a library spends its main-thread time until its accept button is visible:
// CDP sampling profiler (100 µs), self time aggregated by function.
//   node bench/lib/profileRun.mjs [name] [--throttle 4] [--runs 5] [--unminified] [--lines]
// --unminified (consentkit only) loads dist/consentkit.mjs as a module, which has
// readable function names, instead of the minified script-tag build.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LIBRARIES } from '../peers/index.mjs';
import { launchChromium } from './chromium.mjs';
import { createBenchServer } from './createBenchServer.mjs';
import { probe } from './probe.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { lines: { type: 'boolean' }, throttle: { type: 'string', default: '1' }, runs: { type: 'string', default: '5' }, unminified: { type: 'boolean' } },
});
const name = positionals[0] ?? 'consentkit';
const lib = LIBRARIES.find((l) => l.name == name);
if (!lib) throw new Error(`unknown library ${name}`);
// The same config as the script-tag page, passed to createConsentKit() from the module build.
const html = values.unminified
  ? lib.html.replace(
      /<script>window\.consentkitConfig = ([\s\S]*?);<\/script>\s*<script src="\/dist\/consentkit\.min\.js"><\/script>/,
      (_, config) => `<script type="module">import { createConsentKit } from '/dist/consentkit.mjs'; window.consentkit = createConsentKit(${config});</script>`,
    )
  : lib.html;

/**
 * Self time per function (ms) over one profile.
 * @param {any} profile a CDP Profiler.Profile
 * @param {Map<string, number>} into
 */
function addSelfTimes(profile, into) {
  /** @type {Map<number, any>} */
  const nodes = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (/** @type {any} */ f) => {
    const where = f.url ? `${f.url.replace(/^https?:\/\/[^/]+/, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'} ${where}`.trim();
  };
  profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const key = keyOf(nodes.get(id).callFrame);
    into.set(key, (into.get(key) ?? 0) + ms);
    // Inclusive time: once per function on the stack (recursion counted once).
    const seen = new Set();
    for (let at = /** @type {number|undefined} */ (id); at != null; at = parent.get(at)) seen.add(keyOf(nodes.get(at).callFrame));
    for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
  });
  // Line-level sample counts, for --lines.
  for (const n of profile.nodes) {
    for (const t of n.positionTicks ?? []) {
      const key = `${n.callFrame.url.replace(/^https?:\/\/[^/]+/, '')}:${t.line}`;
      lines.set(key, (lines.get(key) ?? 0) + t.ticks);
    }
  }
}
/** @type {Map<string, number>} */
const lines = new Map();
/** @type {Map<string, number>} */
const inclusive = new Map();

const [browser, server] = await Promise.all([launchChromium(), createBenchServer()]);
server.page('/p', html);
const runs = Number(values.runs);
/** @type {Map<string, number>} */
const self = new Map();
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(probe, 'Accept all');
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(values.throttle) });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(`${server.origin}/p`, { waitUntil: 'commit' });
    await page.evaluate(() => /** @type {any} */ (window).__bench.shown);
    addSelfTimes((await cdp.send('Profiler.stop')).profile, self);
    await context.close();
  }
} finally {
  await Promise.all([browser.close(), server.close()]);
}
const rows = [...self].filter(([k]) => k != '(idle)').sort((a, b) => b[1] - a[1]);
const total = rows.reduce((n, [, ms]) => n + ms, 0);
console.log(`${name}${values.unminified ? ' (module build)' : ''}, ${values.throttle}× CPU, self time per run until the accept button is visible, mean of ${runs} runs (busy total ${(total / runs).toFixed(1)} ms):`);
for (const [key, ms] of rows.slice(0, 30)) console.log(`${(ms / runs).toFixed(2).padStart(8)} ms  ${key}`);
console.log('\ninclusive time per run of the page\'s own functions (callees included):');
const own = [...inclusive].filter(([k]) => / \/(dist|nm|p)[/:]/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 30);
for (const [key, ms] of own) console.log(`${(ms / runs).toFixed(2).padStart(8)} ms  ${key}`);
if (values.lines) {
  console.log('\nhottest source lines (samples of 100 µs, all runs):');
  const hot = [...lines].filter(([k]) => k.startsWith('/dist/')).sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [key, ticks] of hot) {
    const [path, line] = key.split(':');
    const text = readFileSync(fileURLToPath(new URL(`../..${path}`, import.meta.url)), 'utf8').split('\n')[Number(line) - 1] ?? '';
    console.log(`${String(ticks).padStart(6)}  ${key}  ${text.trim().slice(0, 110)}`);
  }
}
