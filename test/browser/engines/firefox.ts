import puppeteer, { type Page } from 'puppeteer-core';
import type { Engine, Key, Tab } from './types';

/** Where Firefox ESR lives: Debian's unless FIREFOX_PATH says otherwise (never a downloaded browser). */
const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (no
 * geckodriver). `network.dns.forceResolve` sends every host name to
 * 127.0.0.1, so `*.test` hosts reach the local servers on their own ports.
 */
export async function launchFirefox(): Promise<Engine> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      'network.dns.disableIPv6': true,
      'network.proxy.type': 0,
    },
  });
  const version = (await browser.version()).replace('firefox/', '');
  return {
    name: 'firefox',
    version: `Firefox ESR ${version}`,
    async newSession() {
      const context = await browser.createBrowserContext();
      return {
        newTab: async () => firefoxTab(await context.newPage()),
        async cookies(url) {
          const { hostname, pathname } = new URL(url);
          return (await context.cookies())
            .filter((c) => domainMatches(hostname, c.domain) && pathname.startsWith(c.path))
            .map(({ name, value, domain, path, expires, sameSite }) => ({
              name, value, domain, path, expires: expires > 0 ? expires : null, sameSite: sameSite && sameSite !== 'Default' ? sameSite : null,
            }));
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

function domainMatches(host: string, domain: string): boolean {
  const bare = domain.replace(/^\./, '');
  return host === bare || (domain.startsWith('.') && host.endsWith(domain));
}

function firefoxTab(page: Page): Tab {
  return {
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    clickSelector: (selector) => page.click(selector),
    press: (key) => press(page, key),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    install: async (source) => void (await page.evaluate(source)),
    close: () => page.close(),
  };
}

async function press(page: Page, key: Key): Promise<void> {
  if (key === 'Shift+Tab') {
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
  } else {
    // Puppeteer's BiDi keyboard knows the space bar as ' ', not 'Space'.
    await page.keyboard.press(key === 'Space' ? ' ' : key);
  }
}
