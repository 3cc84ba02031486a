import type { ConsentKitConfig } from '../../src/core/config';
import { createConsentCore, type CoreServices } from '../../src/core/createConsentCore';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import { createMemorySlot } from '../../src/core/storage';
import { createFakeClock, createMemoryPlatform } from '../platform/memoryPlatform';

export { createFakeClock, createMemorySlot };

export const DAY = 86_400_000;

/**
 * What a browser keeps, in memory, for the core: the consent cookie, web
 * storage and the clock. Pass the same object to several cores to share the
 * browser (another tab, or a reload).
 */
export function createBrowserFakes(signals: { gpc?: boolean } = {}) {
  const platform = createMemoryPlatform();
  return { slot: createMemorySlot(), store: platform.local, clock: createFakeClock(), ...signals };
}

/** A core on in-memory services; share `slot`/`store` (or a `createBrowserFakes()`) between calls to simulate a reload or another tab. */
export function makeCore(config: ConsentKitConfig = {}, services: Partial<CoreServices> = {}) {
  const all = { ...createBrowserFakes(), language: 'en', ...services };
  const core = createConsentCore(normalizeConfig(config).config, all);
  return { core, clock: all.clock as ReturnType<typeof createFakeClock>, slot: all.slot as ReturnType<typeof createMemorySlot>, store: all.store };
}
