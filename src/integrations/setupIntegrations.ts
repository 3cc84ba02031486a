import type { ConsentCore } from '../core/createConsentCore';
import { consentMode } from './consentMode';
import { crossTab } from './crossTab';
import { dataLayerEvents } from './dataLayerEvents';

/**
 * The built-in integrations of `createConsentKit`, set up in order: Consent
 * Mode's default first (before any tag can be activated), then the dataLayer
 * event, then cross-tab. Returns their cleanup. A failing one is reported
 * through `report` (default `core.reportError`), never thrown.
 */
export function setupIntegrations(core: ConsentCore, report: ConsentCore['reportError'] = core.reportError): () => void {
  const cleanups: Array<void | (() => void)> = [];
  if (typeof window == 'object') {
    for (const plugin of [core.config.consentMode && consentMode(), dataLayerEvents(), crossTab()]) {
      if (plugin)
        try {
          cleanups.push(plugin.setup(core));
        } catch (error) {
          // Worded as createConsentKit words a failing plugin of the site's.
          report('plugin', `plugin "${plugin.name}" failed to set up`, error);
        }
    }
  }
  return () => cleanups.forEach((cleanup) => cleanup?.());
}
