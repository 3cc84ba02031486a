import { createConsentCore, type CoreServices } from '../../src/core/createConsentCore';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import { createMemorySlot, createMemoryStore } from '../../src/core/storage';

export { createMemorySlot };
import type { ConsentKitConfig } from '../../src/core/config';

export const DAY = 86_400_000;

/** A clock the test moves by hand. */
export function createFakeClock(start = Date.parse('2026-11-29T16:00:00.000Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), set: (t: number) => void (now = t) };
}

/** A core on in-memory services; share `slot`/`store` between calls to simulate a reload. */
export function makeCore(config: ConsentKitConfig = {}, services: Partial<CoreServices> = {}) {
  const clock = createFakeClock();
  const slot = createMemorySlot();
  const store = createMemoryStore();
  const all = { clock, slot, store, language: 'en', ...services };
  const core = createConsentCore(normalizeConfig(config).config, all);
  return { core, clock: all.clock as ReturnType<typeof createFakeClock>, slot: all.slot as typeof slot, store: all.store };
}
