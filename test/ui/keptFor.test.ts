// @vitest-environment jsdom
// How long the choice is kept, as the banner's sentence says it: the number
// and its unit in the visitor's language and grammar ("1 day", "3 miesiące",
// "6 miesięcy"), whatever language tag the site uses. The words are texts;
// which form a number takes is the browser's plural rules.
import { afterEach, expect, onTestFinished, test, vi } from 'vitest';
import { screen } from '@testing-library/dom';
import { createConsentKit } from '../../src/createConsentKit';
import { pl } from '../../src/ui/texts/pl';
import { mountUi } from './mountUi';

/** What the banner named `name` says: its title, its sentence, its link and buttons. */
const sentenceOf = (name: string) => screen.getByRole('region', { name }).textContent;

afterEach(() => {
  vi.restoreAllMocks();
  document.documentElement.lang = '';
  document.cookie = 'consentkit=; max-age=0; path=/';
  localStorage.clear();
});

test.each([
  [1, 'Your choice is kept for 1 day and'],
  // Rounded as before: to whole days under 60 days, to months of 30.4 days from 60 on.
  [1.4, 'Your choice is kept for 1 day and'],
  [30, 'Your choice is kept for 30 days and'],
  [59, 'Your choice is kept for 59 days and'],
  [60, 'Your choice is kept for 2 months and'],
  [182, 'Your choice is kept for 6 months and'],
  // 10.49 months of 30.4 days (10.63 of 30).
  [319, 'Your choice is kept for 10 months and'],
  [395, 'Your choice is kept for 13 months and'],
])('English, cookie.maxAgeDays %s: "%s"', (maxAgeDays, expected) => {
  mountUi({ cookie: { maxAgeDays } });
  expect(sentenceOf('Cookies')).toContain(expected);
});

test.each([
  // Polish has three forms: one, few (2–4, 22–24…), many.
  [1, 'przechowywany przez 1 dzień;'],
  [30, 'przechowywany przez 30 dni;'],
  [90, 'przechowywany przez 3 miesiące;'],
  [120, 'przechowywany przez 4 miesiące;'],
  [182, 'przechowywany przez 6 miesięcy;'],
  [395, 'przechowywany przez 13 miesięcy;'],
])('Polish, cookie.maxAgeDays %s: "%s"', (maxAgeDays, expected) => {
  mountUi({ cookie: { maxAgeDays }, texts: { pl } }, { language: 'pl' });
  expect(sentenceOf(pl.title)).toContain(expected);
});

test.each([
  [182, 'Votre choix est conservé 6 mois et'],
  [1, 'Votre choix est conservé 1 jour et'],
  [30, 'Votre choix est conservé 30 jours et'],
])('French, cookie.maxAgeDays %s: "%s"', (maxAgeDays, expected) => {
  mountUi({ cookie: { maxAgeDays } }, { language: 'fr' });
  expect(sentenceOf('Cookies')).toContain(expected);
});

/** A language a site adds: Russian, with its three forms (1 месяц, 2–4 месяца, 5–20 месяцев). */
const ru = { title: 'Cookie', text: 'Ваш выбор хранится {}.', month: 'месяц', months: 'месяцев', monthsFew: 'месяца', day: 'день', days: 'дней', daysFew: 'дня' };

test.each([
  [182, '6 месяцев'],
  [90, '3 месяца'],
  [22, '22 дня'],
  [21, '21 день'],
  [30, '30 дней'],
])('a language the site adds gets its own words, in the forms its plural rules ask for: Russian, %s days, "%s"', (maxAgeDays, expected) => {
  mountUi({ cookie: { maxAgeDays }, texts: { ru } }, { language: 'ru' });
  expect(sentenceOf('Cookie')).toContain(`Ваш выбор хранится ${expected}.`);
});

test('a language the site adds without a "few" form uses its plural', () => {
  mountUi({ cookie: { maxAgeDays: 90 }, texts: { cs: { title: 'Cookies', text: 'Volba platí {}.', month: 'měsíc', months: 'měsíců' } } }, { language: 'cs' });
  expect(sentenceOf('Cookies')).toContain('Volba platí 3 měsíců.');
});

test('a language the site adds without its own sentence shows the English one, duration included', () => {
  mountUi({ texts: { sv: { acceptAll: 'Acceptera alla' } } }, { language: 'sv' });
  expect(sentenceOf('Cookies')).toContain('Your choice is kept for 6 months and');
});

/** createConsentKit on this page for a visitor whose <html lang> is `lang`, with the errors it reports and logs. */
async function kitIn(lang: string, config: Parameters<typeof createConsentKit>[0]) {
  document.documentElement.lang = lang;
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  const kit = createConsentKit(config);
  onTestFinished(kit.destroy);
  const reported: string[] = [];
  kit.on('error', (e) => reported.push(e.message));
  // Start-up problems are reported a microtask later.
  await Promise.resolve();
  return { reported, logged: logged.mock.calls };
}

test.each([
  // Both have the form config validation lets through (2 or 3 letters, then subtags of 2 to 8), and Intl refuses them.
  ['a tag Intl rejects (a two-digit region)', 'en-12'],
  ['a tag Intl rejects (a region given twice)', 'de-CH-CH'],
  ['a well-formed tag Intl has no data for', 'tlh'],
])('%s: the number is counted the English way, the words are the texts\' (English here), and nothing breaks', async (_case, lang) => {
  // With a "few" form, so that the browser's plural rules are asked.
  const { reported, logged } = await kitIn(lang, { cookie: { maxAgeDays: 1 }, texts: { [lang]: { title: 'Ahoy', text: 'Ye choice be kept {}, matey.', daysFew: 'dayz' } } });
  expect(sentenceOf('Ahoy')).toContain('Ye choice be kept 1 day, matey.');
  expect(reported).toEqual([]);
  expect(logged).toEqual([]);
});
