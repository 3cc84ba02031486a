// @vitest-environment jsdom
// How long the choice is kept, as the banner's sentence says it: the number
// and its unit in the visitor's language and grammar ("1 day", "3 miesiące",
// "6 miesięcy"), whatever language tag the site uses.
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
  // A no-break space between number and unit, as French typography wants.
  [182, 'Votre choix est conservé 6\u00a0mois et'],
  [1, 'Votre choix est conservé 1\u00a0jour et'],
])('French, cookie.maxAgeDays %s: "%s"', (maxAgeDays, expected) => {
  mountUi({ cookie: { maxAgeDays } }, { language: 'fr' });
  expect(sentenceOf('Cookies')).toContain(expected);
});

test('a language the site adds gets its own words and plurals too', () => {
  mountUi({ texts: { sv: { title: 'Kakor', text: 'Ditt val sparas i {}.' } } }, { language: 'sv' });
  expect(sentenceOf('Kakor')).toContain('Ditt val sparas i 6 månader.');
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
  // English, not the runtime's default locale (which `new Intl.NumberFormat('tlh')` alone would speak: run with LC_ALL=de_DE.UTF-8 to see it).
  ['a well-formed tag Intl has no data for', 'tlh'],
])('%s: the duration falls back to English, and nothing breaks', async (_case, lang) => {
  const { reported, logged } = await kitIn(lang, { cookie: { maxAgeDays: 1 }, texts: { [lang]: { title: 'Ahoy', text: 'Ye choice be kept {}, matey.' } } });
  expect(sentenceOf('Ahoy')).toContain('Ye choice be kept 1 day, matey.');
  expect(reported).toEqual([]);
  expect(logged).toEqual([]);
});

test('a browser without unit formatting (Firefox before 78, Safari 14.0) still says the duration, in English', async () => {
  let asked = 0;
  // What such a browser does with `style: 'unit'`.
  function NumberFormat() {
    asked++;
    throw new RangeError('invalid value unit for option style');
  }
  const original = Intl.NumberFormat;
  Intl.NumberFormat = NumberFormat as unknown as typeof Intl.NumberFormat;
  onTestFinished(() => void (Intl.NumberFormat = original));
  const { reported } = await kitIn('fr', { cookie: { maxAgeDays: 1 } });
  expect(asked).toBeGreaterThan(0);
  expect(sentenceOf('Cookies')).toContain('Votre choix est conservé 1 day et');
  expect(reported).toEqual([]);
});
