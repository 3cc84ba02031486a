// @vitest-environment jsdom
import { expect, onTestFinished, test } from 'vitest';
import { screen } from '@testing-library/dom';
import type { ConsentKitConfig } from '../../src/core/config';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import { shownHash } from '../../src/core/shownHash';
import { createConsentKit } from '../../src/createConsentKit';
import { shownText } from '../../src/ui/shownText';
import { textsFor } from '../../src/ui/texts';
import { mountUi } from './mountUi';

const CONFIG: ConsentKitConfig = {
  policyVersion: '2018-05-24',
  policyUrl: '/privacy',
  categories: {
    analytics: { services: [{ name: 'Matomo', provider: 'stats.example', purpose: 'Audience', duration: '13 months', cookies: ['_pk_id.*', '_pk_ses.*'] }] },
    support: { label: 'Support chat', description: 'Live chat with our team.' },
  },
};

/** The receipt's digest after one decision taken with the banner's Accept all, on a fresh page. */
function acceptFromBanner(config: ConsentKitConfig, openDialogFirst: boolean): string {
  const kit = createConsentKit(config);
  onTestFinished(kit.destroy);
  if (openDialogFirst) {
    screen.getByRole('button', { name: 'Customize' }).click();
    screen.getByRole('button', { name: 'Close' }).click();
  }
  screen.getByRole('button', { name: 'Accept all' }).click();
  const digest = kit.receipts()[0]!.shownHash;
  // The next visit starts fresh.
  kit.destroy();
  document.cookie = 'consentkit=; max-age=0; path=/';
  localStorage.clear();
  return digest;
}

test('the notice records exactly what the banner and the dialog say', () => {
  mountUi(CONFIG);
  const banner = screen.getByRole('region', { name: 'Cookies' });
  const bannerText = banner.textContent;
  screen.getByRole('button', { name: 'Customize' }).click();
  const dialog = screen.getByRole('dialog', { name: 'Cookie preferences' });
  const { config } = normalizeConfig(CONFIG);
  // White space aside: the notice keeps each text whole, the page puts spaces between some.
  const squeezed = (text: string | null) => (text ?? '').replace(/\s+/g, '');
  expect(squeezed(shownText(config, textsFor('en', config.texts), 'en'))).toBe(squeezed(bannerText + dialog.textContent));
  expect(shownText(config, textsFor('fr', config.texts), 'fr')).toContain('Tout refuser');
});

test('the same config gives the same shownHash whether the dialog was opened or not', () => {
  const neverOpened = acceptFromBanner(CONFIG, false);
  const opened = acceptFromBanner(CONFIG, true);
  expect(neverOpened).toMatch(/^[0-9a-f]{16}$/);
  expect(opened).toBe(neverOpened);
});

test('changing any text, in the banner or only in the dialog, changes shownHash', () => {
  const before = acceptFromBanner(CONFIG, false);
  const banner = acceptFromBanner({ ...CONFIG, texts: { en: { rejectAll: 'Refuse all' } } }, false);
  const dialogOnly = acceptFromBanner({ ...CONFIG, texts: { en: { save: 'Save' } } }, false);
  const service = acceptFromBanner({ ...CONFIG, categories: { analytics: { services: [{ name: 'Plausible' }] } } }, false);
  const policy = acceptFromBanner({ ...CONFIG, policyUrl: undefined as unknown as string }, false);
  expect(new Set([before, banner, dialogOnly, service, policy]).size).toBe(5);
});

test('the notice is a pure function of config and texts: no document needed', () => {
  const { config } = normalizeConfig(CONFIG);
  const text = shownText(config, textsFor('en', config.texts), 'en');
  expect(text).toContain('Cookie preferences');
  expect(text).toContain('Matomo');
  expect(text).toContain('Live chat with our team.');
  expect(shownHash(text)).toBe(shownHash(shownText(normalizeConfig(CONFIG).config, textsFor('en', {}), 'en')));
});
