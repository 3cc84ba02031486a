import type { Plugin } from '../core/config';
import type { ConsentCore } from '../core/createConsentCore';
import { pushToDataLayer } from './dataLayer';
import { onDecision } from './onDecision';

/**
 * A `consentkit_update` event in `dataLayer` for tag managers:
 * at start when a decision stands, after every decision, and when another tab
 * or an erasure changed it. `_clear` stops Google Tag Manager from merging the
 * new list into the previous one index by index.
 */
export function dataLayerEvents(): Plugin<ConsentCore> {
  return {
    name: 'data-layer-events',
    setup: (core) =>
      onDecision(core, (state) =>
        pushToDataLayer({
          event: 'consentkit_update',
          consentkit: { granted: core.config.categories.map((c) => c.id).filter(core.has), gpc: !!state?.gpc },
          _clear: true,
        }),
      ),
  };
}
