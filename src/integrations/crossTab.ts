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
      let retry: ReturnType<typeof setTimeout>;
      /**
       * Re-reads the cookie until it shows the receipt the other tab announced
       * (empty: an erasure): the message can overtake the cookie write on its
       * way to this tab, so the first read may still be the old decision.
       */
      const receive = (receipt: string, tries = 20) => {
        clearTimeout(retry);
        reloading = 1;
        core.reload();
        reloading = 0;
        if ((core.get()?.receipt ?? '') != receipt && --tries) retry = setTimeout(() => receive(receipt, tries), 50);
      };
      const channel = typeof BroadcastChannel == 'function' ? new BroadcastChannel(key) : null;
      const onStorage = (event: StorageEvent) => event.key == key && receive(event.newValue!.split(' ')[0]!);
      const post = (receipt: string) => {
        try {
          channel ? channel.postMessage(receipt) : localStorage.setItem(key, receipt + ' ' + Math.random());
        } catch {
          // No channel and no storage: other tabs see the decision on their next page view.
        }
      };
      if (channel) channel.onmessage = (event) => receive(event.data);
      else addEventListener('storage', onStorage);
      // Every decision taken here, and an erasure; one re-read because of another tab's ping is not echoed back.
      const off = onDecision(core, (state) => reloading || post(state?.receipt ?? ''));
      return () => {
        clearTimeout(retry);
        off();
        channel?.close();
        removeEventListener('storage', onStorage);
      };
    },
  };
}
