// @vitest-environment jsdom
// The built script tags, run as a browser runs them (`npm run build` first; npm
// test does): each language build greets its language's visitors, and the
// default build and the npm module carry English and French only.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { screen, within } from '@testing-library/dom';
import { ALL_LANGUAGES } from '../../src/ui/texts/allLanguages';
import { en } from '../../src/ui/texts/en';
import { fr } from '../../src/ui/texts/fr';
// @ts-expect-error a plain .mjs script shared with the build
import { EXTRA_LANGUAGES } from '../../scripts/languages.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const EXTRA: Array<[string, (typeof ALL_LANGUAGES)[string]]> = (EXTRA_LANGUAGES as string[]).map((code) => [code, ALL_LANGUAGES[code]!]);

afterEach(() => {
  window.consentkit?.destroy();
  delete window.consentkit;
  delete window.consentkitConfig;
  document.documentElement.lang = '';
  document.cookie = 'consentkit=; max-age=0; path=/';
  localStorage.clear();
});

/** Runs a built script tag on this page, whose <html lang> is `lang`; returns the banner's button names. */
function run(file: string, lang: string): string[] {
  document.documentElement.lang = lang;
  new Function(read(file))();
  return within(screen.getByRole('region')).getAllByRole('button').map((b) => b.textContent ?? '');
}
const bannerOf = (t: typeof en) => [t.acceptAll, t.rejectAll, t.customize, t.dismiss];

test.each(EXTRA)('dist/consentkit.%s.min.js greets a regional variant of its language, and English and French visitors too', (code, t) => {
  const file = `dist/consentkit.${code}.min.js`;
  expect(run(file, `${code}-XX`)).toEqual(bannerOf(t));
  expect(screen.getByRole('region').getAttribute('lang')).toBe(code);
  for (const [lang, texts] of [['fr-CA', fr], ['en-GB', en]] as const) {
    window.consentkit!.destroy();
    delete window.consentkit;
    expect(run(file, lang)).toEqual(bannerOf(texts));
  }
});

test('dist/consentkit.all.min.js greets each of the eight languages', () => {
  for (const [code, t] of Object.entries(ALL_LANGUAGES)) {
    expect(run('dist/consentkit.all.min.js', code), code).toEqual(bannerOf(t));
    window.consentkit!.destroy();
    delete window.consentkit;
  }
});

test("a site's texts for a build's language win over the built-in words", () => {
  window.consentkitConfig = { texts: { de: { acceptAll: 'Allen zustimmen' } } };
  expect(run('dist/consentkit.de.min.js', 'de')).toEqual(['Allen zustimmen', ...bannerOf(ALL_LANGUAGES.de!).slice(1)]);
});

test('the default script tag and the npm module carry English and French only: an English or French visitor downloads no other language', () => {
  expect(run('dist/consentkit.min.js', 'de-AT')).toEqual(bannerOf(en));
  const defaults = [read('dist/consentkit.min.js'), read('dist/consentkit.mjs'), read('dist/shared.mjs')].join('\n');
  for (const [code, t] of EXTRA) {
    for (const text of [t.rejectAll, t.dialogTitle, t.necessaryText]) expect(defaults, `${code}: ${text}`).not.toContain(text);
    expect(read(`dist/consentkit.${code}.min.js`)).toContain(t.rejectAll);
  }
});
