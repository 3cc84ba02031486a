#!/usr/bin/env node
// consentkit side by side with the peer consent managers (issue 9).
//   node bench/run.mjs [--runs N] [--only name,name]
// Names: consentkit, vanilla-cookieconsent, klaro, orejime, tarteaucitron,
// cookieconsent, baseline (the page without any library), gating
// (bench/gating.mjs), ledger (bench/ledger.mjs).
// Prints a markdown table on stdout, progress on stderr, and writes every sample
// to bench/results.json. See docs/bench.md.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { launchChromium } from './lib/chromium.mjs';
import { createBenchServer } from './lib/createBenchServer.mjs';
import { formatTable } from './lib/formatTable.mjs';
import { machineInfo, versionOf } from './lib/machineInfo.mjs';
import { measureRun } from './lib/measureRun.mjs';
import { runChild } from './lib/runChild.mjs';
import { measureSizes } from './lib/sizes.mjs';
import { summarize } from './lib/summarize.mjs';
import { LIBRARIES } from './peers/index.mjs';

const DEFAULT_RUNS = 10;
/** The three kinds of visit each run makes to each library. */
const MODES = /** @type {const} */ ([
  { key: 'normal', throttle: 1 },
  { key: 'throttled', throttle: 4 },
  { key: 'profiled', throttle: 1, profile: true },
]);
/** The other engineers' benchmarks, and how each takes a run count. */
const CHILDREN = {
  gating: { file: 'gating.mjs', args: (/** @type {number} */ n) => [String(n)] },
  ledger: { file: 'ledger.mjs', args: () => [] },
};

const { values } = parseArgs({ options: { runs: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean' } } });
const names = [...LIBRARIES.map((l) => l.name), ...Object.keys(CHILDREN)];
if (values.help) {
  console.log(`usage: node bench/run.mjs [--runs N] [--only name,name]\nnames: ${names.join(', ')}`);
  process.exit(0);
}
const runs = values.runs ? Number(values.runs) : DEFAULT_RUNS;
const only = values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : names;
const unknown = only.filter((n) => !names.includes(n));
if (!Number.isInteger(runs) || runs < 1 || unknown.length) {
  console.error(unknown.length ? `unknown name(s): ${unknown.join(', ')}; known: ${names.join(', ')}` : '--runs takes a whole number ≥ 1');
  process.exit(2);
}
const libraries = LIBRARIES.filter((l) => only.includes(l.name));
const log = (/** @type {string} */ s) => process.stderr.write(s + '\n');

const started = Date.now();
const loadAtStart = loadavg().map((x) => Math.round(x * 100) / 100);
/** @type {Array<{ name: string, version: string, fullFeatured: boolean, sizes: ReturnType<typeof measureSizes>|null, samples: { normal: any[], throttled: any[], profiled: any[] } }>} */
const results = libraries.map((lib) => ({
  name: lib.name,
  version: lib.version ?? versionOf(lib.pkg),
  fullFeatured: lib.fullFeatured,
  sizes: null,
  samples: { normal: [], throttled: [], profiled: [] },
}));
let chromiumVersion = null;
if (libraries.length) {
  const [browser, server] = await Promise.all([launchChromium(), createBenchServer()]);
  chromiumVersion = browser.version();
  for (const lib of libraries) server.page(`/${lib.name}`, lib.html);
  try {
    // One unrecorded visit each, so that no library pays for a cold disk cache or
    // a cold browser; it also tells which files each library loads.
    for (const r of results) {
      server.served.length = 0;
      const warm = await measureRun(browser, `${server.origin}/${r.name}`, { throttle: 1 });
      r.sizes = measureSizes([...new Set(server.served)]);
      log(`warm-up ${r.name}: ${warm.ok ? `${Math.round(warm.timeToBanner ?? 0)} ms` : warm.error}, ${r.sizes.files.length} file(s)`);
    }
    // Libraries interleaved run by run (and the order rotated each run), so that a
    // slower moment of the machine falls on all of them rather than on one.
    for (let i = 0; i < runs; i++) {
      for (const mode of MODES) {
        const line = [];
        for (let j = 0; j < results.length; j++) {
          const r = /** @type {typeof results[number]} */ (results[(i + j) % results.length]);
          const sample = await measureRun(browser, `${server.origin}/${r.name}`, mode);
          r.samples[mode.key].push({ run: i + 1, ...sample });
          line.push(`${r.name} ${sample.ok ? Math.round(sample.timeToBanner ?? 0) : 'FAILED: ' + sample.error}`);
        }
        log(`run ${i + 1}/${runs} ${mode.key}: ${line.join(', ')}`);
      }
    }
  } finally {
    await Promise.all([browser.close(), server.close()]);
  }
}
const base = machineInfo(chromiumVersion);
const info = { ...base, date: new Date(started).toISOString(), machine: { ...base.machine, loadAverageAtStart: loadAtStart } };

// The other benchmarks run after the browser is closed, so that they have the machine to themselves.
/** @type {Record<string, Awaited<ReturnType<typeof runChild>>>} */
const children = {};
for (const [name, { file, args }] of Object.entries(CHILDREN)) {
  if (!only.includes(name)) continue;
  log(`running bench/${file}…`);
  children[name] = await runChild(file, values.runs ? args(runs) : [], values.runs ? { BENCH_RUNS: String(runs) } : {});
}

const columns = results.map((r) => ({ ...r, summary: summarize(r.sizes, r.samples) }));
const out = [];
if (columns.length) {
  out.push(`## consentkit and its peers (${runs} run${runs > 1 ? 's' : ''} each: unthrottled, 4× CPU, profiled)`, '', formatTable(columns), '');
  const full = columns.filter((c) => c.fullFeatured && c.name != 'consentkit' && c.summary.gzip != null);
  const ck = columns.find((c) => c.name == 'consentkit');
  if (ck?.summary.gzip && full.length) {
    const smallest = full.reduce((a, b) => (/** @type {number} */ (a.summary.gzip) <= /** @type {number} */ (b.summary.gzip) ? a : b));
    const pct = (100 * ck.summary.gzip) / /** @type {number} */ (smallest.summary.gzip);
    out.push(`consentkit is ${pct.toFixed(0)} % of the smallest full-featured peer (${smallest.name}) in gzip bytes.`, '');
  }
}
for (const [name, c] of Object.entries(children)) {
  out.push(`## ${name} (${c.file})`, '');
  if (!c.present) out.push(`${c.file} is not there yet: skipped.`, '');
  else out.push(c.stdout?.trim() || '(no output)', '', ...(c.code ? [`exited with code ${c.code}: ${c.stderr?.trim().split('\n').slice(-5).join(' / ')}`, ''] : []));
}
const m = info.machine;
out.push(`${info.date.slice(0, 10)} · ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB · ${m.os} · Node ${info.node} · Chromium ${info.chromium ?? "–"} · \`${info.command}\` · ${Math.round((Date.now() - started) / 1000)} s · load average ${loadAtStart[0]} at start, ${m.loadAverage[0]} at end`);
const table = out.join('\n');
console.log(table);

const file = new URL('./results.json', import.meta.url);
writeFileSync(file, JSON.stringify({ ...info, runs, modes: MODES, seconds: Math.round((Date.now() - started) / 1000), libraries: columns, children, table }, null, 2) + '\n');
log(`samples written to bench/results.json`);
