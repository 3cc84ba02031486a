import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Runs an ES module snippet in plain Node from the repo root, where the package can import itself by name. */
const node = (code: string) => execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: new URL('..', import.meta.url), encoding: 'utf8' });

test('package.json is the contract: ESM, types first, script-tag build for CDNs, side effects only in the script tag', () => {
  expect(pkg.type).toBe('module');
  for (const entry of ['.', './headless', './server', ...LANGUAGES.map((lang) => `./texts/${lang}`)]) expect(Object.keys(pkg.exports[entry])[0]).toBe('types');
  expect(pkg.unpkg).toBe('./dist/consentkit.min.js');
  expect(pkg.jsdelivr).toBe('./dist/consentkit.min.js');
  expect(pkg.sideEffects).toEqual(['./src/auto.ts', './src/scriptTags/consentkit.*.ts', './dist/consentkit.min.js', './dist/consentkit.*.min.js']);
  for (const set of [...LANGUAGES, 'all']) expect(pkg.exports[`./consentkit.${set}.min.js`]).toBe(`./dist/consentkit.${set}.min.js`);
  expect(pkg.files).toContain('dist');
});

const LANGUAGES = ['de', 'es', 'it', 'nl', 'pt', 'pl'];

test('each language is its own entry: consentkit/texts/<lang> imports one object of every text, and nothing else comes with it', () => {
  const out = node(`
    const before = Object.keys(globalThis).length;
    const modules = await Promise.all(${JSON.stringify(LANGUAGES)}.map(async (lang) => [lang, await import('consentkit/texts/' + lang)]));
    console.log(JSON.stringify({ exports: modules.map(([lang, m]) => [lang, Object.keys(m)]), rejectAll: modules.map(([, m]) => Object.values(m)[0].rejectAll), keys: Object.keys(modules[0][1].de).length, globalsAdded: Object.keys(globalThis).length - before }));`);
  expect(JSON.parse(out)).toEqual({
    exports: LANGUAGES.map((lang) => [lang, [lang]]),
    rejectAll: ['Alle ablehnen', 'Rechazar todas', 'Rifiuta tutti', 'Alles weigeren', 'Rejeitar todos', 'Odrzuć wszystkie'],
    keys: 30,
    globalsAdded: 0,
  });
  // One file each, importing nothing: a bundle gets only the languages it names.
  for (const lang of LANGUAGES) expect(readFileSync(new URL(`../dist/texts/${lang}.mjs`, import.meta.url), 'utf8')).not.toMatch(/\bimport\b/);
});

test('the types let an npm user hand a language module to createConsentKit, and catch a text that is not a string', () => {
  // Inside the package, so that 'consentkit' resolves to itself through its exports, as in an app.
  const dir = mkdtempSync(join(new URL('..', import.meta.url).pathname, '.types-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'app.ts');
  writeFileSync(
    file,
    [
      "import { createConsentKit } from 'consentkit';",
      "import { de } from 'consentkit/texts/de';",
      "import { pl } from 'consentkit/texts/pl';",
      "createConsentKit({ texts: { de, pl: { ...pl, acceptAll: 'Zgoda' } } });",
      "const wrong: typeof de = { ...de, rejectAll: 42 };",
      'export { wrong };',
    ].join('\n'),
  );
  const tsc = new URL('../node_modules/typescript/bin/tsc', import.meta.url).pathname;
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', file], { encoding: 'utf8' });
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  // Only the deliberate mistake on line 5 is reported.
  expect(output.trim().split('\n').filter((line) => line.includes('error TS'))).toEqual([expect.stringMatching(/app\.ts\(5,[0-9]+\): error TS2322: Type 'number' is not assignable to type 'string'/)]);
  // tsc starts cold: seconds on an idle machine, much longer on a loaded one.
}, 120_000);

test('the built entries import by their public names in Node, without a DOM and without side effects', () => {
  const out = node(`
    const before = Object.keys(globalThis).length;
    const main = await import('consentkit');
    const headless = await import('consentkit/headless');
    const server = await import('consentkit/server');
    console.log(JSON.stringify({
      main: typeof main.createConsentKit, headless: typeof headless.createConsentCore, server: typeof server.createLedgerHandler,
      globalsAdded: Object.keys(globalThis).length - before,
    }));`);
  expect(JSON.parse(out)).toEqual({ main: 'function', headless: 'function', server: 'function', globalsAdded: 0 });
});

test('the headless core decides in plain Node with in-memory services', () => {
  const out = node(`
    import { createConsentCore, normalizeConfig, createMemorySlot, createMemoryStore } from 'consentkit/headless';
    const core = createConsentCore(normalizeConfig({ policyVersion: '2' }).config, { slot: createMemorySlot(), store: createMemoryStore() });
    const receipt = core.save({ analytics: true });
    console.log(JSON.stringify([receipt.action, core.has('analytics'), core.has('marketing')]));`);
  expect(JSON.parse(out)).toEqual(['save', true, false]);
});
