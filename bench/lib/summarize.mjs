// From every sample of a library to the figures of the table.
import { median, p90 } from './stats.mjs';

/**
 * @typedef {{ ok: boolean, timeToBanner?: number, jsMs?: number, scriptMs?: number|null, taskMs?: number|null, heapBytes?: number|null, cls?: number, acceptToGone?: number }} Sample
 * @typedef {{ raw: number, gzip: number, brotli: number, files: unknown[] }} Sizes
 */

/** The table's rows, in order: key, label, how to print the value. */
export const FIGURES = [
  { key: 'gzip', label: 'JS + CSS, gzip -9 (bytes)', format: 'int' },
  { key: 'brotli', label: 'JS + CSS, brotli (bytes)', format: 'int' },
  { key: 'raw', label: 'JS + CSS, raw (bytes)', format: 'int' },
  { key: 'files', label: 'files loaded', format: 'int' },
  { key: 'bannerMedian', label: 'accept button visible, median (ms)', format: 'ms' },
  { key: 'bannerP90', label: 'accept button visible, p90 (ms)', format: 'ms' },
  { key: 'banner4Median', label: 'same, 4× CPU throttling, median (ms)', format: 'ms' },
  { key: 'banner4P90', label: 'same, 4× CPU throttling, p90 (ms)', format: 'ms' },
  { key: 'scriptMedian', label: 'main-thread script time until then, median (ms)', format: 'ms' },
  { key: 'taskMedian', label: 'main-thread task time until then, median (ms)', format: 'ms' },
  { key: 'script4Median', label: 'script time, 4× CPU, median (ms)', format: 'ms' },
  { key: 'task4Median', label: 'task time, 4× CPU, median (ms)', format: 'ms' },
  { key: 'jsMedian', label: 'page JS time until then, sampling profiler, median (ms)', format: 'ms' },
  { key: 'heapMedian', label: 'JS heap used then, median (KB)', format: 'kb' },
  { key: 'clsMax', label: 'cumulative layout shift, worst run', format: 'cls' },
  { key: 'goneMedian', label: 'click accept → banner gone, median (ms)', format: 'ms' },
  { key: 'gone4Median', label: 'same, 4× CPU, median (ms)', format: 'ms' },
  { key: 'failed', label: 'failed runs', format: 'int' },
];

/**
 * @param {Sizes|null} sizes
 * @param {{ normal: Sample[], throttled: Sample[], profiled: Sample[] }} samples
 * @returns {Record<string, number|null>}
 */
export function summarize(sizes, { normal, throttled, profiled }) {
  const ok = (/** @type {Sample[]} */ xs) => xs.filter((s) => s.ok);
  const n = ok(normal);
  const t = ok(throttled);
  const pick = (/** @type {Sample[]} */ xs, /** @type {keyof Sample} */ k) => xs.map((s) => /** @type {number|null} */ (s[k] ?? null));
  const all = [...n, ...t];
  return {
    gzip: sizes?.gzip ?? null,
    brotli: sizes?.brotli ?? null,
    raw: sizes?.raw ?? null,
    files: sizes?.files.length ?? null,
    bannerMedian: median(pick(n, 'timeToBanner')),
    bannerP90: p90(pick(n, 'timeToBanner')),
    banner4Median: median(pick(t, 'timeToBanner')),
    banner4P90: p90(pick(t, 'timeToBanner')),
    scriptMedian: median(pick(n, 'scriptMs')),
    taskMedian: median(pick(n, 'taskMs')),
    script4Median: median(pick(t, 'scriptMs')),
    task4Median: median(pick(t, 'taskMs')),
    jsMedian: median(pick(ok(profiled), 'jsMs')),
    heapMedian: median(pick(n, 'heapBytes').map((b) => (b == null ? null : b / 1024))),
    clsMax: all.length ? Math.max(...all.map((s) => s.cls ?? 0)) : null,
    goneMedian: median(pick(n, 'acceptToGone')),
    gone4Median: median(pick(t, 'acceptToGone')),
    failed: [...normal, ...throttled, ...profiled].filter((s) => !s.ok).length,
  };
}
