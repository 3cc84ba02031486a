import type { ConsentKitConfig } from '../../core/config';
import type { SiteConfig } from './SiteConfig';

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
    texts: site.texts,
    consentMode: site.consentMode,
    gpc: site.gpc,
  };
  if (site.policyUrl) config.policyUrl = site.policyUrl;
  if (configVersion !== undefined) config.configVersion = configVersion;
  // Optional here: a configuration stored before the impression counter existed has no such key.
  if ((site as SiteConfig & { countImpressions?: boolean }).countImpressions === true) config.countImpressions = true;
  return config;
}
