// One build config, separate entry files (no code is stripped by markers):
//   src/index.ts    → dist/consentkit.mjs (+ dist/consentkit.d.ts)   the npm module
//   src/headless.ts → dist/headless.mjs   (+ dist/headless.d.ts)     core without UI
//   src/auto.ts     → dist/consentkit.min.js                         the script tag (IIFE), English and French
//   src/scriptTags/consentkit.<lang>.ts → dist/consentkit.<lang>.min.js  the same with one more language;
//                     consentkit.all.ts → dist/consentkit.all.min.js     with all eight
//   src/ui/texts/<lang>.ts → dist/texts/<lang>.mjs (+ .d.ts)          one language for npm users (consentkit/texts/<lang>)
//   src/server/index.ts → dist/server.mjs (+ dist/server.d.ts)       the Node ledger
//   src/console/main.tsx → dist/console.js, console.css; src/console/previewBoot.ts → dist/console-preview.js
//                         the console's UI (Preact), served by the ledger; never part of the SDK's builds
// CSS is imported as text with `?raw` and also emitted as dist/consentkit.css.
// Only the script-tag build is minified, and only it has its internal property
// names shortened, by the list in mangle.json (see mangleRegex below).
import { readFileSync } from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import { EXTRA_LANGUAGES } from './scripts/languages.mjs';

/** Collapses comments and white space; the stylesheet is hand-written and small. */
export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    // Not before ':': in `.ck :focus-visible` that space is a descendant combinator.
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

function rawCss() {
  return {
    name: 'raw-css',
    resolveId(source, importer) {
      if (!source.endsWith('.css?raw') || !importer) return null;
      return new URL(source.slice(0, -4), 'file://' + importer).pathname + '?raw';
    },
    load(id) {
      if (!id.endsWith('.css?raw')) return null;
      const css = minifyCss(readFileSync(id.slice(0, -4), 'utf8'));
      mkdirSync('dist', { recursive: true });
      writeFileSync('dist/consentkit.css', css + '\n');
      return `export default ${JSON.stringify(css)};`;
    },
  };
}

/**
 * terser's `mangle.properties.regex` from mangle.json: each listed name,
 * matched whole. Everything else keeps its name: the public API, config and
 * text keys, the cookie, stored and sent JSON.
 */
export function mangleRegex(names = JSON.parse(readFileSync(new URL('./mangle.json', import.meta.url), 'utf8')).props) {
  const escaped = names.map((name) => name.replace(/[$]/g, '\\$&'));
  return new RegExp(`^(?:${escaped.join('|')})$`);
}

const ts = () =>
  typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts'], noEmit: false, declaration: false, outDir: undefined });

/** js-cookie builds its API with a top-level call that bundlers cannot prove pure: say so, so that code which never reads a cookie (the headless core) drops it. */
const pureJsCookie = () => ({
  name: 'pure-js-cookie',
  transform(code, id) {
    return id.includes('/js-cookie/') ? code.replace('var api = init(', 'var api = /*#__PURE__*/ init(') : null;
  },
});

const browserPlugins = () => [rawCss(), nodeResolve({ browser: true }), pureJsCookie(), ts()];
// CK_MANGLE=0 builds the script tag without property mangling, to measure what the list saves.
// `builtins: true`: a listed name is renamed even where a DOM or built-in object also has a
// property of that name (`check`, `retry`, `session`…); mangle.json lists only the kit's own.
const mangleProperties = process.env.CK_MANGLE === '0' ? false : { regex: mangleRegex(), builtins: true };
// hoist_funs: function declarations go to the top of their scope, as the language hoists them anyway.
// unsafe_arrows: a `function` expression that reads neither `this` nor `arguments` becomes an
// arrow; unsafe only for one called with `new` or whose `prototype` is read, and the bundle
// has none (the source uses classes; js-cookie's and nanoid's never are).
const minify = () =>
  terser({
    ecma: 2020,
    module: true,
    compress: { passes: 3, pure_getters: true, hoist_funs: true, unsafe_arrows: true },
    mangle: { properties: mangleProperties },
    format: { comments: false },
  });

/** The console's stylesheet, emitted beside its script. */
function consoleCss() {
  return {
    name: 'console-css',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'console.css', source: minifyCss(readFileSync('src/console/console.css', 'utf8')) + '\n' });
    },
  };
}

export default [
  {
    input: {
      consentkit: 'src/index.ts',
      headless: 'src/headless.ts',
      ...Object.fromEntries(EXTRA_LANGUAGES.map((lang) => [`texts/${lang}`, `src/ui/texts/${lang}.ts`])),
    },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'shared.mjs' },
    plugins: browserPlugins(),
  },
  {
    input: 'src/auto.ts',
    output: { file: 'dist/consentkit.min.js', format: 'iife', plugins: [minify()] },
    plugins: browserPlugins(),
  },
  // Each its own IIFE: a script-tag site loads one file, with no second request before the banner.
  ...[...EXTRA_LANGUAGES, 'all'].map((set) => ({
    input: `src/scriptTags/consentkit.${set}.ts`,
    output: { file: `dist/consentkit.${set}.min.js`, format: 'iife', plugins: [minify()] },
    plugins: browserPlugins(),
  })),
  {
    input: { console: 'src/console/main.tsx', 'console-preview': 'src/console/previewBoot.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'console-[name].js' },
    plugins: [consoleCss(), nodeResolve({ browser: true }), typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts', 'src/**/*.tsx'], noEmit: false, declaration: false, outDir: undefined }), terser({ ecma: 2020, module: true })],
  },
  {
    input: 'src/server/index.ts',
    output: { file: 'dist/server.mjs', format: 'es' },
    // hono is a dependency of the package, loaded from node_modules.
    external: [/^node:/, 'better-sqlite3', 'pg', /^hono(\/|$)/],
    plugins: [ts()],
  },
  ...[
    ['src/index.ts', 'dist/consentkit.d.ts'],
    ['src/headless.ts', 'dist/headless.d.ts'],
    ['src/server/index.ts', 'dist/server.d.ts'],
    ...EXTRA_LANGUAGES.map((lang) => [`src/ui/texts/${lang}.ts`, `dist/texts/${lang}.d.ts`]),
  ].map(([input, file]) => ({
    input,
    output: { file, format: 'es' },
    external: [/^node:/, 'better-sqlite3', 'pg', /^hono(\/|$)/],
    plugins: [dts({ tsconfig: './tsconfig.json' })],
  })),
];
