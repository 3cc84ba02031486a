import type { TextOverrides } from '../core/config';

/**
 * The placeholder button's text; `{service}` and `{category}` are filled in.
 * Category labels share the banner's keys (`analytics`, `marketing`, …), so
 * one override in `texts` renames a category everywhere. English needs none:
 * its built-in labels are the capitalised ids.
 */
const en: Record<string, string> = { placeholder: 'Load {service} (accept {category} cookies)' };

const fr: Record<string, string> = {
  placeholder: 'Charger {service} (accepter les cookies {category})',
  preferences: 'Préférences',
  analytics: 'Mesure d’audience',
};

/** The gating's texts for `language`: the site's overrides, then the built-in language, then English. */
export function gatingTexts(language: string, overrides: TextOverrides): Record<string, string> {
  return { ...en, ...(language == 'fr' && fr), ...overrides[language] };
}
