// No DOM here: the core digests the notice from config and texts alone.
import { expect, test } from 'vitest';
import { createConsentCore } from '../../src/core/createConsentCore';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import { shownHash } from '../../src/core/shownHash';
import { createMemorySlot, createMemoryStore } from '../../src/core/storage';
import { shownText } from '../../src/ui/shownText';
import { textsFor } from '../../src/ui/texts';

test('a core without any document records the digest of the texts it would show', () => {
  expect(typeof document).toBe('undefined');
  const { config } = normalizeConfig({ policyUrl: '/privacy', categories: { analytics: { services: [{ name: 'Matomo' }] } } });
  const texts = textsFor('fr', config.texts);
  const core = createConsentCore(config, { slot: createMemorySlot(), store: createMemoryStore(), language: 'fr', shownText: () => shownText(config, texts, 'fr') });
  const receipt = core.acceptAll({ source: 'api' });
  expect(receipt.shownHash).toBe(shownHash(shownText(config, texts, 'fr')));
  expect(shownText(config, texts, 'fr')).toContain('Préférences des cookies');
  expect(receipt.shownHash).not.toBe(shownHash(shownText(config, textsFor('en', config.texts), 'en')));
});
