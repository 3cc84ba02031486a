// @vitest-environment jsdom
import { afterEach, expect, test, vi } from 'vitest';
import type { ConsentCore } from '../../src/core/createConsentCore';
import type { ConsentEvents } from '../../src/core/state';
import { crossTab } from '../../src/integrations/crossTab';
import { createBrowserFakes, makeCore } from './fakes';

const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  localStorage.clear();
});

/** A core with cross-tab on, sharing `browser` (the cookie) with the other tabs. */
function openTab(browser: Parameters<typeof makeCore>[1]) {
  const core = makeCore({}, browser).core;
  const cleanup = crossTab().setup(core);
  if (cleanup) cleanups.push(cleanup);
  return core;
}

const next = <K extends keyof ConsentEvents>(core: ConsentCore, type: K) =>
  new Promise<ConsentEvents[K]>((resolve) => {
    const off = core.on(type, (payload) => {
      off();
      resolve(payload);
    });
  });

test('a decision in one tab applies in the other, which announces the change', async () => {
  const browser = createBrowserFakes();
  const first = openTab(browser);
  const second = openTab(browser);
  const changed = next(second, 'change');

  first.acceptAll();

  expect(await changed).toMatchObject({ granted: ['preferences', 'analytics', 'marketing'], revoked: [] });
  expect(second.has('analytics')).toBe(true);
});

test('a withdrawal and an erasure in one tab apply in the other', async () => {
  const browser = createBrowserFakes();
  const first = openTab(browser);
  const second = openTab(browser);
  first.acceptAll();
  await next(second, 'change');

  const withdrawn = next(second, 'change');
  first.withdraw('marketing');
  expect(await withdrawn).toMatchObject({ granted: [], revoked: ['marketing'] });

  const erased = next(second, 'change');
  first.forget();
  expect(await erased).toMatchObject({ revoked: ['preferences', 'analytics'], state: null });
  expect(second.get()).toBeNull();
});

test('a tab does not echo back a change it only re-read', async () => {
  const browser = createBrowserFakes();
  const first = openTab(browser);
  const second = openTab(browser);
  const posted = vi.spyOn(BroadcastChannel.prototype, 'postMessage');
  first.acceptAll();
  await next(second, 'change');
  first.forget();
  await next(second, 'change');
  expect(posted).toHaveBeenCalledTimes(2);
});

test('without BroadcastChannel, a localStorage ping and the storage event carry the news', () => {
  vi.stubGlobal('BroadcastChannel', undefined);
  try {
    const browser = createBrowserFakes();
    const first = openTab(browser);
    const second = openTab(browser);
    const changes: unknown[] = [];
    second.on('change', (change) => changes.push(change));

    first.save({ analytics: true });
    const ping = localStorage.getItem('consentkit');
    expect(ping).toEqual(expect.any(String));
    // The browser fires `storage` only in the other tabs; jsdom does not, so it is played here.
    window.dispatchEvent(new StorageEvent('storage', { key: 'consentkit', newValue: ping }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'unrelated', newValue: 'x' }));

    expect(second.has('analytics')).toBe(true);
    expect(changes).toEqual([expect.objectContaining({ granted: ['analytics'] })]);
    first.acceptAll();
    expect(localStorage.getItem('consentkit')).not.toBe(ping);
  } finally {
    vi.unstubAllGlobals();
  }
});

test('a tab opened on a standing decision pings, and the other tabs announce nothing', async () => {
  const browser = createBrowserFakes();
  const first = openTab(browser);
  const reached = next(first, 'change');
  openTab(browser).acceptAll();
  await reached;
  const changes: unknown[] = [];
  first.on('change', (change) => changes.push(change));
  // Channels receive a message in the order they were created: this one after the first tab's.
  const listener = new BroadcastChannel('consentkit');
  const delivered = new Promise((resolve) => (listener.onmessage = resolve));
  openTab(browser);
  await delivered;
  listener.close();
  expect(changes).toEqual([]);
});

test('a message that overtakes the cookie write is retried until the decision shows', async () => {
  const browser = createBrowserFakes();
  // The second tab sees the cookie through a lagging copy, as a renderer's cookie cache can lag.
  let lagging: string | null = null;
  const laggingSlot = { read: () => lagging, write() {}, remove() {} };
  const first = openTab(browser);
  const second = openTab({ ...browser, slot: laggingSlot });
  const changed = next(second, 'change');

  const receipt = first.acceptAll();
  await new Promise((resolve) => setTimeout(resolve, 120));
  expect(second.has('analytics')).toBe(false);
  lagging = browser.slot.read();

  expect(await changed).toMatchObject({ granted: ['preferences', 'analytics', 'marketing'] });
  expect(second.get()?.receipt).toBe(receipt.id);
});
