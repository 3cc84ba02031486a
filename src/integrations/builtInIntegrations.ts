import type { Plugin } from '../core/config';
import type { ConsentCore } from '../core/createConsentCore';
import { consentMode } from './consentMode';
import { crossTabOn } from './crossTab';
import type { Platform } from '../platform/Platform';
import { dataLayerEvents } from './dataLayerEvents';

/**
 * The integrations `createConsentKit` sets up before the site's own plugins,
 * in this order: Consent Mode's default first (before any tag can be
 * activated, and only when configured), then the dataLayer event, then
 * cross-tab. None without a page.
 */
export function builtInIntegrations(core: ConsentCore, platform: Platform): Array<Plugin<ConsentCore>> {
  if (!platform.page.document) return [];
  return [...(core.config.consentMode ? [consentMode()] : []), dataLayerEvents(), crossTabOn(platform)];
}
