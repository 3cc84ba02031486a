// The browser tests launch Chromium exactly as the benchmark does: one list of
// flags for this machine, in bench/lib/chromium.mjs.
export { CHROMIUM_ARGS, launchChromium } from '../../bench/lib/chromium.mjs';
