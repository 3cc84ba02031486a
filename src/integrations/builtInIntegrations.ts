import type { Plugin } from '../core/config';
import type { ConsentCore } from '../core/createConsentCore';
import { consentMode } from './consentMode';
import { crossTab } from './crossTab';
import { dataLayerEvents } from './dataLayerEvents';

/**
 * The integrations `createConsentKit` sets up before the site's own plugins,
 * in this order: Consent Mode's default first (before any tag can be
 * activated, and only when configured), then the dataLayer event, then
 * cross-tab. None without a window.
 */
export function builtInIntegrations(core: ConsentCore): Array<Plugin<ConsentCore>> {
  if (typeof window != 'object') return [];
  return [...(core.config.consentMode ? [consentMode()] : []), dataLayerEvents(), crossTab()];
}
