import type { ConsentKitConfig } from '../../core/config';
import type { SiteConfig } from './SiteConfig';

/** The SDK's configuration for a stored site configuration: what visitors get, and what publishing validates. */
export function toConsentKitConfig(site: SiteConfig): ConsentKitConfig {
  const config: ConsentKitConfig = {
    policyVersion: site.policyVersion,
    categories: Object.fromEntries(site.categories.map((category) => [category.id, { services: category.services }])),
    blocking: site.blocking,
    texts: site.texts,
    consentMode: site.consentMode,
    gpc: site.gpc,
  };
  if (site.policyUrl) config.policyUrl = site.policyUrl;
  return config;
}
