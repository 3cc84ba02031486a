import type { ConsentCore } from '../core/createConsentCore';
import type { ConsentState } from '../core/state';

/**
 * Calls `fn` with the current decision now (when one stands), after every
 * decision taken here, and whenever the stored decision changed under us (another
 * tab decided, or the subject was erased). Returns the unsubscribe function.
 */
export function onDecision(core: ConsentCore, fn: (state: ConsentState | null) => void): () => void {
  let last: string | undefined;
  const run = (state: ConsentState | null) => {
    last = state?.receipt;
    fn(state);
  };
  const now = core.get();
  if (now) run(now);
  const offs = [
    core.on('consent', ({ state }) => run(state)),
    // A local decision also emits `change` for the same receipt: announced once.
    core.on('change', ({ state }) => state?.receipt !== last && run(state)),
  ];
  return () => offs.forEach((off) => off());
}
