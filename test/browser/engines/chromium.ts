import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../bench/lib/chromium.mjs';
import type { Engine, Key, Tab } from './types';

/** Debian's Chromium through playwright-core; `*.test` hosts resolve to 127.0.0.1 by a resolver rule. */
export async function launchChromium(): Promise<Engine> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.test 127.0.0.1'],
  });
  return {
    name: 'chromium',
    version: `Chromium ${browser.version()}`,
    async newSession() {
      const context = await browser.newContext();
      return {
        newTab: async () => chromiumTab(await context.newPage()),
        cookies: async (url) =>
          (await context.cookies(url)).map(({ name, value, domain, path, expires, sameSite }) => ({
            name, value, domain, path, expires: expires > 0 ? expires : null, sameSite: sameSite ?? null,
          })),
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

const KEYS: Record<Key, string> = { Tab: 'Tab', 'Shift+Tab': 'Shift+Tab', Enter: 'Enter', Space: 'Space', Escape: 'Escape' };

function chromiumTab(page: Page): Tab {
  return {
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    clickSelector: (selector) => page.click(selector),
    press: (key) => page.keyboard.press(KEYS[key]),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    install: async (source) => void (await page.evaluate(source)),
    close: () => page.close(),
  };
}
