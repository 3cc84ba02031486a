import type { ConsentKitConfig } from '../../src/core/config';
import { createConsentCore, type CoreServices } from '../../src/core/createConsentCore';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import { createMemoryStore, type RecordSlot } from '../../src/core/storage';

export const DAY = 86_400_000;

/** A clock the test moves by hand. */
export function createFakeClock(start = Date.parse('2026-11-29T16:00:00.000Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** The consent cookie in memory; share it between two cores to play two tabs or two page views. */
export function createMemorySlot(): RecordSlot & { value: string | null } {
  return {
    value: null,
    read() {
      return this.value;
    },
    write(value) {
      this.value = value;
    },
    remove() {
      this.value = null;
    },
  };
}

/** Everything a core is handed, in memory; pass the same object to several cores to share the browser. */
export function createBrowserFakes(signals: { gpc?: boolean } = {}) {
  return { slot: createMemorySlot(), store: createMemoryStore(), clock: createFakeClock(), ...signals };
}

export function makeCore(config: ConsentKitConfig = {}, browser: Partial<CoreServices> = createBrowserFakes()) {
  return createConsentCore(normalizeConfig(config).config, { ...createBrowserFakes(), ...browser });
}

/** window.dataLayer as gtag.js would read it. */
export const dataLayer = (): unknown[] => (window as unknown as { dataLayer?: unknown[] }).dataLayer ?? [];

/** The `gtag('consent', …)` commands in dataLayer, as [kind, signals] pairs. */
export const consentCommands = () =>
  dataLayer()
    .filter((entry) => (entry as ArrayLike<unknown>)[0] === 'consent')
    .map((entry) => [(entry as ArrayLike<unknown>)[1], (entry as ArrayLike<unknown>)[2]]);

export const isArguments = (value: unknown) => Object.prototype.toString.call(value) === '[object Arguments]';

export const resetPage = () => {
  delete (window as unknown as { dataLayer?: unknown }).dataLayer;
  delete (window as unknown as { gtag?: unknown }).gtag;
};
