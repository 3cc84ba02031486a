import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import { launchWebKit } from './webkit';
import type { Engine, EngineName, LaunchEngine } from './types';

export type { Cookie, Engine, EngineName, Key, Session, Tab } from './types';

const LAUNCHERS: Record<EngineName, LaunchEngine> = { chromium: launchChromium, firefox: launchFirefox, webkit: launchWebKit };

/** Every engine the stories run in, in the order the matrix runs them. */
export const ENGINES = Object.keys(LAUNCHERS) as EngineName[];

/**
 * Starts an engine, trying once more if the first start fails (a busy
 * machine can miss a browser's start-up deadline); each launcher cleans up
 * what it started before it throws.
 */
export async function launchEngine(name: EngineName): Promise<Engine> {
  try {
    return await LAUNCHERS[name]();
  } catch (first) {
    console.warn(`[${name}] start failed, trying once more: ${(first as Error).message}`);
    return LAUNCHERS[name]();
  }
}
