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
