// The markdown table: one row per figure, one column per library, each value
// followed by its ratio to consentkit's (peer ÷ consentkit: above 1 means the
// peer is bigger or slower).
import { FIGURES } from './summarize.mjs';

const FORMATS = {
  int: (/** @type {number} */ x) => Math.round(x).toLocaleString('en-US'),
  ms: (/** @type {number} */ x) => (x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US')),
  kb: (/** @type {number} */ x) => Math.round(x).toLocaleString('en-US'),
  cls: (/** @type {number} */ x) => x.toFixed(3),
};

/**
 * @param {Array<{ name: string, version: string, summary: Record<string, number|null> }>} columns
 * @param {string} reference the library every ratio is relative to
 */
export function formatTable(columns, reference = 'consentkit') {
  const ref = columns.find((c) => c.name == reference)?.summary;
  const cell = (/** @type {typeof FIGURES[number]} */ f, /** @type {typeof columns[number]} */ c) => {
    const x = c.summary[f.key];
    if (x == null) return '–';
    const text = FORMATS[/** @type {keyof typeof FORMATS} */ (f.format)](x);
    const base = ref?.[f.key];
    if (c.name == reference || f.key == 'failed' || base == null) return text;
    if (base == 0) return x == 0 ? `${text} (=)` : text;
    return `${text} (${(x / base).toFixed(x / base < 10 ? 2 : 1)}×)`;
  };
  const head = `| figure | ${columns.map((c) => `${c.name} ${c.version}`).join(' | ')} |`;
  const rule = `|---|${columns.map(() => '---:').join('|')}|`;
  const rows = FIGURES.map((f) => `| ${f.label} | ${columns.map((c) => cell(f, c)).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}
