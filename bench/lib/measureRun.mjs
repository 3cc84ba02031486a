// One measured visit: a fresh browser context, optional CPU throttling, load the
// library's page, wait for its accept button to be visible, read the main-thread
// metrics, click accept like a person, wait for the banner to go.
import { attributeProfile } from './attributeProfile.mjs';
import { probe } from './probe.mjs';

const LABEL = 'Accept all';
const TIMEOUT = 20_000;
/** Time given to a library between showing its accept button and the click. */
const READY_MS = 700;

/** @template T @param {Promise<T>} p @param {string} what @returns {Promise<T>} */
const within = (p, what) =>
  Promise.race([p, new Promise((_, no) => setTimeout(() => no(new Error(`timed out waiting for ${what}`)), TIMEOUT))]);

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{ throttle: number, profile?: boolean }} options CPU slowdown factor (1 = none); `profile`:
 *   run the sampling profiler until the banner shows and stop there (its overhead
 *   would otherwise weigh on the other figures)
 */
export async function measureRun(browser, url, { throttle, profile = false }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  /** @type {string[]} */
  const errors = [];
  try {
    await context.addInitScript(probe, LABEL);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }

    await page.goto(url, { waitUntil: 'commit' });
    const visible = await within(page.evaluate(() => /** @type {any} */ (window).__bench.shown), 'the accept button');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (/** @type {string} */ name) => metrics.find((m) => m.name == name)?.value ?? null;
    if (profile) {
      const { jsMs, gcMs } = attributeProfile((await cdp.send('Profiler.stop')).profile, new URL(url).origin);
      return { ok: true, timeToBanner: visible, jsMs, gcMs, errors };
    }

    const target = await page.evaluate((ms) => /** @type {any} */ (window).__bench.settle(ms), READY_MS);
    if (!target.onTarget) errors.push('the accept button is covered at its centre');
    await page.mouse.click(target.x, target.y);
    const acceptToGone = await within(page.evaluate(() => /** @type {any} */ (window).__bench.goneP), 'the banner to go');
    /** @type {Array<{ value: number, input: boolean }>} */
    const shifts = await page.evaluate(() => /** @type {any} */ (window).__bench.shifts);

    return {
      ok: true,
      timeToBanner: visible,
      scriptMs: secondsToMs(metric('ScriptDuration')),
      taskMs: secondsToMs(metric('TaskDuration')),
      heapBytes: metric('JSHeapUsedSize'),
      cls: shifts.filter((s) => !s.input).reduce((n, s) => n + s.value, 0),
      acceptToGone,
      errors,
    };
  } catch (error) {
    return { ok: false, error: String(/** @type {any} */ (error)?.message ?? error), errors };
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** @param {number|null} s */
const secondsToMs = (s) => (s == null ? null : s * 1000);
