import type { Plugin } from '../core/config';
import type { ConsentCore } from '../core/createConsentCore';
import { onDecision } from './onDecision';

/**
 * Applies a decision, a withdrawal or an erasure made in another tab of the
 * site, without reload: the cookie is shared, so a ping is enough and the
 * other tab re-reads it (`reload()` announces the difference as `change`).
 * BroadcastChannel where available, else a `storage` event on a localStorage key.
 */
export function crossTab(): Plugin<ConsentCore> {
  return {
    name: 'cross-tab',
    setup(core) {
      const key = 'consentkit';
      let reloading: unknown;
      const receive = () => {
        reloading = 1;
        core.reload();
        reloading = 0;
      };
      const channel = typeof BroadcastChannel == 'function' ? new BroadcastChannel(key) : null;
      const onStorage = (event: StorageEvent) => event.key == key && receive();
      const post = () => {
        try {
          channel ? channel.postMessage(1) : localStorage.setItem(key, String(Math.random()));
        } catch {
          // No channel and no storage: other tabs see the decision on their next page view.
        }
      };
      if (channel) channel.onmessage = receive;
      else addEventListener('storage', onStorage);
      // Every decision taken here, and an erasure; one re-read because of another tab's ping is not echoed back.
      const off = onDecision(core, () => reloading || post());
      return () => {
        off();
        channel?.close();
        removeEventListener('storage', onStorage);
      };
    },
  };
}
