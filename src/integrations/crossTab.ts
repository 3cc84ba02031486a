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
      /** The receipt another tab last announced: re-reading it is not news to send back. */
      let heard: string | undefined;
      let retry: ReturnType<typeof setTimeout>;
      /**
       * Re-reads the cookie until it shows the receipt the other tab announced
       * (empty: an erasure): the message can overtake the cookie write on its
       * way to this tab, so the first read may still be the old decision.
       */
      const receive = (receipt: string, tries = 20) => {
        clearTimeout(retry);
        heard = receipt;
        core.reload();
        if ((core.get()?.receipt ?? '') != receipt && --tries) retry = setTimeout(() => receive(receipt, tries), 50);
      };
      const channel = typeof BroadcastChannel == 'function' ? new BroadcastChannel(key) : null;
      // The value is the receipt id, new with every decision, so a write that changes nothing carries no news.
      const onStorage = (event: StorageEvent) => event.key == key && receive(event.newValue!);
      // Only without a channel: listening for `storage` makes Chromium open web storage at start-up.
      if (channel) channel.onmessage = (event) => receive(event.data);
      else addEventListener('storage', onStorage);
      // Every decision taken here, and an erasure (empty); what another tab announced is not echoed back.
      const off = onDecision(core, (state) => {
        const receipt = state?.receipt ?? '';
        try {
          if (receipt != heard) channel ? channel.postMessage(receipt) : localStorage.setItem(key, receipt);
        } catch {
          // No channel and no storage: other tabs see the decision on their next page view.
        }
      });
      return () => {
        clearTimeout(retry);
        off();
        channel?.close();
        removeEventListener('storage', onStorage);
      };
    },
  };
}
