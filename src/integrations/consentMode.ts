import type { Plugin } from '../core/config';
import type { ConsentCore } from '../core/createConsentCore';
import type { ConsentState } from '../core/state';
import { gtag } from './dataLayer';
import { onDecision } from './onDecision';

/**
 * All seven types, granted where their category is: marketing →
 * the three ad types, analytics → analytics_storage, preferences →
 * functionality and personalization; `security_storage` is always granted.
 */
function signals(state: ConsentState | null): Record<string, string> {
  const [ads, analytics, preferences] = ['marketing', 'analytics', 'preferences'].map((id) => (state?.categories[id] ? 'granted' : 'denied'));
  return {
    ad_storage: ads!,
    ad_user_data: ads!,
    ad_personalization: ads!,
    analytics_storage: analytics!,
    functionality_storage: preferences!,
    personalization_storage: preferences!,
    security_storage: 'granted',
  };
}

/**
 * Google Consent Mode v2: sets the default (everything denied
 * but `security_storage`) as soon as it is set up, then sends an update with all
 * seven types after every decision, from this tab or another. Options come from
 * `config.consentMode`. `createConsentKit` adds it when `consentMode` is set; a
 * headless core adds it itself: `consentMode().setup(core)`.
 */
export function consentMode(): Plugin<ConsentCore> {
  return {
    name: 'consent-mode',
    setup(core) {
      const { waitForUpdate = 500, region = [], adsDataRedaction, urlPassthrough } = core.config.consentMode ?? {};
      // Must be the first consent command in dataLayer: set up before any tag is activated.
      gtag('consent', 'default', { ...signals(null), wait_for_update: waitForUpdate, ...(region.length > 0 && { region }) });
      if (adsDataRedaction) gtag('set', 'ads_data_redaction', true);
      if (urlPassthrough) gtag('set', 'url_passthrough', true);
      return onDecision(core, (state) => gtag('consent', 'update', signals(state)));
    },
  };
}
