// @vitest-environment jsdom
import { afterEach, expect, onTestFinished, test } from 'vitest';
import { screen, within } from '@testing-library/dom';
import { createConsentKit } from '../../src/createConsentKit';
import { en, fr, textsFor, type Texts } from '../../src/ui/texts';
import { mountUi } from './mountUi';

afterEach(() => {
  document.documentElement.lang = '';
  document.cookie = 'consentkit=; max-age=0; path=/';
  localStorage.clear();
});
const mount = mountUi;

test('in French every control has its French name', () => {
  const { core } = mount({}, { language: 'fr' });
  const region = screen.getByRole('region', { name: 'Cookies' });
  expect(region.getAttribute('lang')).toBe('fr');
  expect(within(region).getAllByRole('button').map((b) => b.textContent)).toEqual([
    'Tout accepter',
    'Tout refuser',
    'Personnaliser',
    'Continuer sans accepter',
  ]);
  expect(region.textContent).toContain('conservé 6 mois');
  screen.getByRole('button', { name: 'Personnaliser' }).click();
  const dialog = screen.getByRole('dialog', { name: 'Préférences des cookies' });
  expect(within(dialog).getAllByRole('switch').map((s) => s.closest('label')!.textContent)).toEqual([
    'Strictement nécessaires',
    'Préférences',
    "Mesure d'audience",
    'Marketing',
  ]);
  within(dialog).getByRole('button', { name: 'Enregistrer mes choix' }).click();
  expect(screen.getByRole('status').textContent).toBe('Choix enregistrés.');
  expect(screen.getByRole('button', { name: 'Paramètres des cookies' })).toBeTruthy();
  expect(core.receipts()[0]?.language).toBe('fr');
});

test('the language follows <html lang> through createConsentKit', () => {
  document.documentElement.lang = 'fr-FR';
  const kit = createConsentKit({ policyVersion: '1' });
  onTestFinished(kit.destroy);
  expect(screen.getByRole('button', { name: 'Tout refuser' })).toBeTruthy();
  kit.showPreferences();
  expect(screen.getByRole('dialog', { name: 'Préférences des cookies' })).toBeTruthy();
});

test('config.texts overrides any text; a category label from config wins', () => {
  mount({ texts: { en: { acceptAll: 'Allow all', analytics: 'Statistics' } }, categories: { marketing: { label: 'Ads' } } });
  expect(screen.getByRole('button', { name: 'Allow all' })).toBeTruthy();
  screen.getByRole('button', { name: 'Customize' }).click();
  expect(screen.getByRole('switch', { name: 'Statistics' })).toBeTruthy();
  expect(screen.getByRole('switch', { name: 'Ads' })).toBeTruthy();
});

test('a language added through config.texts falls back to English for missing keys', () => {
  mount({ texts: { de: { acceptAll: 'Alle akzeptieren', rejectAll: 'Alle ablehnen' } } }, { language: 'de' });
  const names = within(screen.getByRole('region', { name: 'Cookies' })).getAllByRole('button').map((b) => b.textContent);
  expect(names).toEqual(['Alle akzeptieren', 'Alle ablehnen', 'Customize', 'Continue without accepting']);
});

test('French overrides apply to French only', () => {
  mount({ texts: { fr: { acceptAll: "J'accepte" } } });
  expect(screen.getByRole('button', { name: 'Accept all' })).toBeTruthy();
});

test('every language module gives every text: a missing key does not compile', () => {
  const { placeholder: _dropped, ...incomplete } = en;
  // @ts-expect-error `placeholder` is missing
  const broken: Texts = incomplete;
  expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  expect(broken).not.toHaveProperty('placeholder');
});

test('texts are plain data, merged without parsing: overrides, then the language, then English', () => {
  expect(textsFor('fr', {}).acceptAll).toBe('Tout accepter');
  expect(textsFor('de', { de: { acceptAll: 'Alle akzeptieren' } })).toEqual({ ...en, acceptAll: 'Alle akzeptieren' });
  expect(textsFor('de', {}, { en, fr, de: { ...en, rejectAll: 'Alle ablehnen' } }).rejectAll).toBe('Alle ablehnen');
});
