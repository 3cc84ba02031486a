import type { ConsentKitConfig } from '../../core/config';
import { ALL_LANGUAGES } from '../../ui/texts/allLanguages';
import { BUILT_IN_TEXTS } from '../../ui/texts/builtInTexts';
import type { SiteConfig } from './SiteConfig';

/**
 * The site's texts over the built-in texts of each language it enables beyond
 * English and French (which the script carries already): a German visitor
 * gets German with the script itself, in one request.
 */
function textsWithLanguages(site: SiteConfig): Record<string, Record<string, string>> {
  const texts = { ...site.texts };
  for (const language of site.languages ?? []) {
    const module = ALL_LANGUAGES[language];
    if (module && !BUILT_IN_TEXTS[language]) texts[language] = { ...module, ...site.texts[language] };
  }
  return texts;
}

/** The SDK's configuration for a stored site configuration: what visitors get, and what publishing validates. */
export function toConsentKitConfig(site: SiteConfig): ConsentKitConfig {
  const config: ConsentKitConfig = {
    policyVersion: site.policyVersion,
    categories: Object.fromEntries(site.categories.map((category) => [category.id, { services: category.services }])),
    blocking: site.blocking,
    texts: textsWithLanguages(site),
    consentMode: site.consentMode,
    gpc: site.gpc,
  };
  if (site.policyUrl) config.policyUrl = site.policyUrl;
  return config;
}
