// Types for chromium.mjs, so that test/browser/chromium.ts can import the one flags list.
import type { Browser, LaunchOptions } from 'playwright-core';

/** Flags Debian's Chromium needs on this machine: root, no GPU, no outbound network of its own. */
export declare const CHROMIUM_ARGS: string[];
/** Debian's /usr/bin/chromium unless CHROMIUM_PATH says otherwise. */
export declare const CHROMIUM_PATH: string;
/** Launches headless Chromium with CHROMIUM_ARGS (never a downloaded browser). */
export declare function launchChromium(extraArgs?: string[], options?: LaunchOptions): Promise<Browser>;
