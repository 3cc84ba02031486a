import type { Plugin } from '../core/config';
import type { ConsentCore } from '../core/createConsentCore';
import { createBrowserPlatform } from '../platform/createBrowserPlatform';
import type { Platform, TimerId } from '../platform/Platform';
import { onDecision } from './onDecision';

/** How often, and how long apart, a tab re-reads the cookie for a decision another tab announced. */
const READS = 20;
const READ_EVERY_MS = 50;

/**
 * Applies a decision, a withdrawal or an erasure made in another tab of the
 * site, without reload: the cookie is shared, so a ping is enough and the
 * other tab re-reads it (`reload()` announces the difference as `change`).
 * @param platform where the tab channel and timers come from @default the page's
 */
export function crossTabOn(platform: Platform): Plugin<ConsentCore> {
  return {
    name: 'cross-tab',
    setup(core) {
      const { timers } = platform;
      /** The receipt another tab last announced: re-reading it is not news to send back. */
      let heard: string | undefined;
      let retry: TimerId | undefined;
      /**
       * Re-reads the cookie until it shows the receipt the other tab announced
       * (empty: an erasure): the message can overtake the cookie write on its
       * way to this tab, so the first read may still be the old decision.
       */
      const receive = (receipt: string, reads = READS) => {
        timers.clear(retry);
        heard = receipt;
        core.reload();
        const shown = core.get()?.receipt ?? '';
        if (shown !== receipt && reads > 1) retry = timers.set(() => receive(receipt, reads - 1), READ_EVERY_MS);
      };
      const channel = platform.openTabChannel();
      // The message is the receipt id, new with every decision, so a write that changes nothing carries no news.
      channel.listen(receive);
      // Every decision taken here, and an erasure (empty); what another tab announced is not echoed back.
      const off = onDecision(core, (state) => {
        const receipt = state?.receipt ?? '';
        if (receipt !== heard) channel.post(receipt);
      });
      return () => {
        timers.clear(retry);
        off();
        channel.close();
      };
    },
  };
}

/**
 * Applies a decision, a withdrawal or an erasure made in another tab of the
 * site, without reload. BroadcastChannel where available, else a `storage`
 * event on a localStorage key.
 */
export function crossTab(): Plugin<ConsentCore> {
  return {
    name: 'cross-tab',
    setup: (core) => crossTabOn(createBrowserPlatform()).setup(core),
  };
}
