import { expect, test } from 'vitest';
import { chooseLanguage } from '../../src/core/chooseLanguage';

const available = ['en', 'fr', 'de-CH'];

test.each([
  ['auto follows <html lang>, then the browser', 'auto', ['fr-FR', 'en-US'], 'fr'],
  ['auto skips languages it does not have', 'auto', ['es', 'fr'], 'fr'],
  ['a full tag matches before its primary subtag', 'auto', ['de-CH'], 'de-CH'],
  ['nothing matching falls back to English', 'auto', ['es', 'it'], 'en'],
  ['a configured language wins over the page', 'fr', ['en'], 'fr'],
  ['an unavailable configured language falls back to the page', 'nl', ['fr'], 'fr'],
])('%s', (_name, requested, page, expected) => {
  expect(chooseLanguage(requested, available, () => page)).toBe(expected);
});

test('the page is not consulted when the configured language is available', () => {
  let asked = false;
  chooseLanguage('fr', available, () => ((asked = true), []));
  expect(asked).toBe(false);
});

// The eight languages consentkit writes, as `consentkit.all.min.js` offers them.
const eight = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'pl'];

test.each([
  // The platform lists <html lang> first, then navigator.languages in order.
  ['<html lang> (first in the list) wins over the browser', ['it', 'de-DE', 'pl'], 'it'],
  ['the browser languages are tried in their order', ['sv-SE', 'nl-BE', 'de'], 'nl'],
  ['de-AT falls back to German', ['de-AT'], 'de'],
  ['pt-BR falls back to Portuguese', ['pt-BR'], 'pt'],
  ['a three-part tag falls back to its language', ['es-419'], 'es'],
  ['case does not matter', ['PL-pl'], 'pl'],
  ['a language not written falls back to English', ['ja-JP', 'zh-Hant-TW'], 'en'],
  ['no language at all: English', [], 'en'],
])('%s', (_name, page, expected) => {
  expect(chooseLanguage('auto', eight, () => page)).toBe(expected);
});

test('a regional language the site wrote itself (texts["pt-BR"]) is chosen before the base language', () => {
  expect(chooseLanguage('auto', [...eight, 'pt-BR'], () => ['pt-BR'])).toBe('pt-BR');
});
