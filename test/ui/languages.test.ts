// @vitest-environment jsdom
// The eight languages: each module complete and translated, each rendering the
// banner and the dialog in its own words with the right `lang`, and the
// visitor's language found from <html lang>, then the browser, then English.
import { afterEach, expect, onTestFinished, test, vi } from 'vitest';
import { screen, within } from '@testing-library/dom';
import { createConsentKit } from '../../src/createConsentKit';
import { ALL_LANGUAGES } from '../../src/ui/texts/allLanguages';
import { de } from '../../src/ui/texts/de';
import { en } from '../../src/ui/texts/en';
import { pt } from '../../src/ui/texts/pt';
import type { Texts } from '../../src/ui/texts/Texts';
import { withLanguages } from '../../src/ui/texts/withLanguages';
// @ts-expect-error a plain .mjs script shared with the build
import { EXTRA_LANGUAGES } from '../../scripts/languages.mjs';
import { mountUi } from './mountUi';

afterEach(() => {
  vi.unstubAllGlobals();
  document.documentElement.lang = '';
  document.cookie = 'consentkit=; max-age=0; path=/';
  localStorage.clear();
});

/** Words a language shares with English on purpose: the same word in both. */
const SAME_AS_ENGLISH: Record<string, Array<keyof Texts>> = {
  en: Object.keys(en) as Array<keyof Texts>,
  fr: ['title', 'services', 'cookies', 'marketing'],
  de: ['title', 'cookies', 'marketing'],
  es: ['title', 'cookies'],
  it: ['marketing'],
  nl: ['title', 'cookies', 'marketing'],
  pt: ['title', 'cookies', 'marketing'],
  pl: [],
};
/** Languages with a "few" plural form for the kept duration ("3 miesiące"). */
const FEW_FORMS: Record<string, Array<keyof Texts>> = { pl: ['monthsFew'] };
const LANGUAGES = Object.entries(ALL_LANGUAGES);
/** The default duration (182 days) as each language says it in the banner's sentence. */
const SIX_MONTHS: Record<string, string> = { en: '6 months', fr: '6 mois', de: '6 Monate', es: '6 meses', it: '6 mesi', nl: '6 maanden', pt: '6 meses', pl: '6 miesięcy' };

test('consentkit writes eight languages, and the build ships the same six beside English and French', () => {
  expect(Object.keys(ALL_LANGUAGES)).toEqual(['en', 'fr', ...EXTRA_LANGUAGES]);
  expect(EXTRA_LANGUAGES).toEqual(['de', 'es', 'it', 'nl', 'pt', 'pl']);
});

test.each(LANGUAGES)('%s: every key is there, filled, with its placeholders, and translated', (code, texts) => {
  // Plus the "few" forms of the kept duration, in the languages whose plural has one (Polish).
  expect(Object.keys(texts).filter((key) => !key.endsWith('Few')).sort()).toEqual(Object.keys(en).sort());
  for (const [key, value] of Object.entries(texts)) expect(value.trim(), `${code}.${key}`).not.toBe('');
  expect(texts.text.split('{}')).toHaveLength(2);
  expect(texts.placeholder).toContain('{service}');
  expect(texts.placeholder).toContain('{category}');
  const untranslated = (Object.keys(en) as Array<keyof Texts>).filter((key) => texts[key] === en[key]);
  expect(untranslated.sort()).toEqual([...SAME_AS_ENGLISH[code]!].sort());
  expect(Object.keys(texts).filter((key) => key.endsWith('Few'))).toEqual(FEW_FORMS[code] ?? []);
});

const SERVICE = { name: 'Matomo', provider: 'InnoCraft', purpose: 'Audience', duration: '13', cookies: ['_pk_id.*'] };

test.each(LANGUAGES)('%s: the banner and the dialog speak it, under lang="%s", and so does the receipt', (code, t) => {
  // The npm way to add a language: its module in `texts`.
  const { core } = mountUi({ texts: { [code]: t }, policyUrl: '/privacy', categories: { analytics: { services: [SERVICE] } } }, { language: code });
  const banner = screen.getByRole('region', { name: t.title });
  expect(banner.getAttribute('lang')).toBe(code);
  expect(within(banner).getAllByRole('button').map((b) => b.textContent)).toEqual([t.acceptAll, t.rejectAll, t.customize, t.dismiss]);
  expect(banner.textContent).toContain(t.text.replace('{}', SIX_MONTHS[code]!));
  expect(within(banner).getByRole('link', { name: t.policy }).getAttribute('href')).toBe('/privacy');

  within(banner).getByRole('button', { name: t.customize }).click();
  const dialog = screen.getByRole('dialog', { name: t.dialogTitle });
  expect(dialog.getAttribute('lang') ?? dialog.closest('[lang]')?.getAttribute('lang')).toBe(code);
  for (const id of ['necessary', 'preferences', 'analytics', 'marketing'] as const) {
    within(dialog).getByRole('switch', { name: t[id] });
    expect(dialog.textContent).toContain(t[`${id}Text`]);
  }
  for (const name of [t.acceptAll, t.rejectAll, t.save, t.close]) within(dialog).getByRole('button', { name });
  for (const term of [t.services, t.provider, t.purpose, t.duration, t.cookies]) expect(dialog.textContent).toContain(term);
  expect(banner.textContent + dialog.textContent).not.toMatch(/[{}]/);

  within(dialog).getByRole('button', { name: t.rejectAll }).click();
  expect(screen.getByRole('button', { name: t.settings }).getAttribute('lang')).toBe(code);
  expect(core.receipts().map((r) => [r.action, r.language])).toEqual([['reject-all', code]]);
});

/** createConsentKit on this jsdom page, the browser's languages set as a browser would. */
function kitFor(pageLang: string, browser: string[], config = { texts: { de, pt } }) {
  document.documentElement.lang = pageLang;
  for (const [key, value] of [['languages', browser], ['language', browser[0] ?? '']] as const) {
    Object.defineProperty(navigator, key, { value, configurable: true });
    onTestFinished(() => void delete (navigator as unknown as Record<string, unknown>)[key]);
  }
  const kit = createConsentKit({ policyVersion: '1', ...config });
  onTestFinished(kit.destroy);
  return within(screen.getByRole('region')).getAllByRole('button')[1]!.textContent;
}

test.each([
  ['<html lang> first, even against the browser', 'de', ['pt-PT'], de.rejectAll],
  ['a regional <html lang> (de-AT) falls back to its base language', 'de-AT', [], de.rejectAll],
  ['no <html lang>: the browser languages, in order', '', ['sv', 'pt-BR', 'de'], pt.rejectAll],
  ['an <html lang> without texts: the browser next', 'sv', ['de-CH'], de.rejectAll],
  ['nothing available: English', 'sv', ['ja', 'zh-Hant-TW'], en.rejectAll],
])('%s', (_rule, pageLang, browser, expected) => {
  expect(kitFor(pageLang, browser)).toBe(expected);
});

test('a script tag build hands its languages in under the site\'s own texts: the site\'s words win, key by key', () => {
  const config = withLanguages({ texts: { de: { acceptAll: 'Allen zustimmen' }, fr: { title: 'Vos cookies' } } }, { de });
  expect(config).toEqual({ texts: { de: { ...de, acceptAll: 'Allen zustimmen' }, fr: { title: 'Vos cookies' } } });
  expect(withLanguages({}, { de })).toEqual({ texts: { de } });
});

test('a faulty texts option is still reported once, and its languages fall back to English', async () => {
  const errors: string[] = [];
  for (const texts of ['Deutsch', { de: 'Deutsch' }]) {
    document.documentElement.lang = 'de';
    const kit = createConsentKit(withLanguages({ texts }, { de }) as never);
    kit.on('error', (e) => errors.push(e.message));
    await Promise.resolve();
    expect(screen.getByRole('button', { name: en.rejectAll })).toBeTruthy();
    kit.destroy();
  }
  expect(errors).toEqual(['"texts" must be an object; ignored', '"texts.de" must be an object of strings under a language tag; ignored']);
  expect(withLanguages(null, { de })).toBeNull();
});
