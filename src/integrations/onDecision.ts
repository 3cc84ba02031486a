import type { ConsentCore } from '../core/createConsentCore';
import type { ConsentState } from '../core/state';

/**
 * Calls `fn` with the current decision now (when one stands), after every
 * decision taken here, and whenever the stored decision changed under us (another
 * tab decided, or the subject was erased). Returns the unsubscribe function.
 */
export function onDecision(core: ConsentCore, fn: (state: ConsentState | null) => void): () => void {
  let last: string | undefined;
  // Every decision has a new receipt; the `change` that follows a local one names
  // the same receipt, so each decision is announced once. No decision: nothing to say.
  const check = ({ state }: { state: ConsentState | null }) => {
    if (state?.receipt === last) return;
    last = state?.receipt;
    fn(state);
  };
  check({ state: core.get() });
  const offConsent = core.on('consent', check);
  const offChange = core.on('change', check);
  return () => {
    offConsent();
    offChange();
  };
}
