// The one list of Chromium flags for this machine, shared by the benchmark and
// (through an import) by test/browser/chromium.ts.
import { chromium } from 'playwright-core';

/** Flags Debian's Chromium needs on this machine: root, no GPU, no outbound network of its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where Chromium lives: Debian's /usr/bin/chromium unless CHROMIUM_PATH says otherwise (never a downloaded browser). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches headless Chromium with CHROMIUM_ARGS.
 * @param {string[]} [extraArgs]
 * @param {import('playwright-core').LaunchOptions} [options]
 */
export function launchChromium(extraArgs = [], options = {}) {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs], ...options });
}
