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

/**
 * The SDK's configuration for a stored site configuration: what visitors get,
 * and what publishing validates. `configVersion` is the published version's
 * number, recorded in every receipt so that statistics can compare versions;
 * a draft (preview, validation) has none.
 */
export function toConsentKitConfig(site: SiteConfig, configVersion?: number): ConsentKitConfig {
  const config: ConsentKitConfig = {
    policyVersion: site.policyVersion,
    categories: Object.fromEntries(site.categories.map((category) => [category.id, { services: category.services }])),
    blocking: site.blocking,
    texts: textsWithLanguages(site),
    consentMode: site.consentMode,
    gpc: site.gpc,
  };
  if (site.policyUrl) config.policyUrl = site.policyUrl;
  if (configVersion !== undefined) config.configVersion = configVersion;
  // Optional here: a configuration stored before the impression counter existed has no such key.
  if ((site as SiteConfig & { countImpressions?: boolean }).countImpressions === true) config.countImpressions = true;
  return config;
}
