import type { Plugin } from '../core/config';
import type { ConsentCore } from '../core/createConsentCore';
import type { ConsentState } from '../core/state';
import { gtag } from './dataLayer';
import { onDecision } from './onDecision';

/** Consent Mode v2's types per category (CONTRACT §5); `security_storage` is always granted. */
const TYPES: Record<string, string> = {
  marketing: 'ad_storage ad_user_data ad_personalization',
  analytics: 'analytics_storage',
  preferences: 'functionality_storage personalization_storage',
};

/** All seven types, granted where their category is. */
function signals(state: ConsentState | null): Record<string, string> {
  const out: Record<string, string> = { security_storage: 'granted' };
  for (const id in TYPES) for (const type of TYPES[id]!.split(' ')) out[type] = state?.categories[id] ? 'granted' : 'denied';
  return out;
}

/**
 * Google Consent Mode v2 (CONTRACT §5): sets the default (everything denied
 * but `security_storage`) as soon as it is set up, then sends an update with all
 * seven types after every decision, from this tab or another. Options come from
 * `config.consentMode`. `createConsentKit` adds it when `consentMode` is set; a
 * headless core adds it itself: `consentMode().setup(core)`.
 */
export function consentMode(): Plugin<ConsentCore> {
  return {
    name: 'consent-mode',
    setup(core) {
      const options = core.config.consentMode;
      // Must be the first consent command in dataLayer: set up before any tag is activated.
      gtag('consent', 'default', { ...signals(null), wait_for_update: options?.waitForUpdate ?? 500, ...(options?.region[0] && { region: options.region }) });
      if (options?.adsDataRedaction) gtag('set', 'ads_data_redaction', true);
      if (options?.urlPassthrough) gtag('set', 'url_passthrough', true);
      return onDecision(core, (state) => gtag('consent', 'update', signals(state)));
    },
  };
}
