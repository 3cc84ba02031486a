import type { TabChannel } from './Platform';

/** The BroadcastChannel name, and the localStorage key used where there is none. */
const KEY = 'consentkit';

/**
 * Messages between the tabs of the site: a BroadcastChannel where available,
 * else a `storage` event on a localStorage key (its value must change to be
 * heard, so messages should differ from one to the next). Only without a
 * channel does it listen for `storage`: that listener makes Chromium open web
 * storage at start-up. Never throws: with neither, messages go nowhere.
 */
export function createTabChannel(win: (Window & typeof globalThis) | null): TabChannel {
  const channel = win && typeof win.BroadcastChannel === 'function' ? new win.BroadcastChannel(KEY) : null;
  let onStorage: ((event: StorageEvent) => void) | undefined;
  return {
    post(message) {
      try {
        if (channel) channel.postMessage(message);
        else win?.localStorage.setItem(KEY, message);
      } catch {
        // No channel and no storage: other tabs see the decision on their next page view.
      }
    },
    listen(receive) {
      if (channel) {
        channel.onmessage = (event: MessageEvent) => receive(String(event.data));
        return;
      }
      onStorage = (event) => {
        if (event.key === KEY) receive(event.newValue ?? '');
      };
      win?.addEventListener('storage', onStorage);
    },
    close() {
      channel?.close();
      if (onStorage) win?.removeEventListener('storage', onStorage);
    },
  };
}
