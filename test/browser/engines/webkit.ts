import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Builder, By, Key as SeleniumKey, type WebDriver } from 'selenium-webdriver';
import { startHostProxy } from './hostProxy';
import { freePort, startProcess, stopProcess } from './processes';
import type { Engine, Key, Session, Tab } from './types';

const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * Debian's WebKitGTK (MiniBrowser) through its WebKitWebDriver and
 * selenium-webdriver, on a private Xvfb display. WebKitGTK has no switch to
 * map host names, so every session uses a local HTTP proxy (hostProxy.ts)
 * that sends `*.test` hosts to 127.0.0.1. Each session is its own
 * MiniBrowser, hence its own cookie jar.
 */
export async function launchWebKit(): Promise<Engine> {
  const started: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const stop of started.splice(0).reverse()) await stop().catch(() => {});
  };
  try {
    // -displayfd: Xvfb picks a free display and writes its number on fd 3.
    const xvfb = startProcess('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { fds: 4 });
    started.push(() => stopProcess(xvfb));
    const display = await new Promise<string>((resolve, reject) => {
      xvfb.stdio[3]!.once('data', (data) => resolve(`:${String(data).trim()}`));
      xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
    });
    const port = await freePort();
    const driver = startProcess('WebKitWebDriver', [`--port=${port}`], { env: { ...process.env, DISPLAY: display } });
    started.push(() => stopProcess(driver));
    const server = `http://127.0.0.1:${port}`;
    await waitForDriver(server, driver);
    const proxy = await startHostProxy();
    started.push(proxy.close);

    const sessions = new Set<WebDriver>();
    started.push(async () => {
      for (const session of sessions) await session.quit().catch(() => {});
    });
    const newDriver = async () => {
      const session = await new Builder()
        .usingServer(server)
        .withCapabilities({
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
          proxy: { proxyType: 'manual', httpProxy: proxy.url },
        })
        .build();
      sessions.add(session);
      return session;
    };
    const first = await newDriver();
    const version = String((await first.getCapabilities()).get('browserVersion'));
    let spare: WebDriver | undefined = first;
    return {
      name: 'webkit',
      version: `WebKitGTK ${version}`,
      async newSession() {
        const session = spare ?? (await newDriver());
        spare = undefined;
        return webkitSession(session, () => sessions.delete(session));
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Waits (up to 5 s) for WebKitWebDriver to answer on its port. */
async function waitForDriver(server: string, driver: ChildProcess): Promise<void> {
  for (let i = 0; i < 50 && driver.exitCode === null; i++) {
    try {
      if ((await fetch(`${server}/status`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`WebKitWebDriver did not start (exit code ${driver.exitCode})`);
}

function webkitSession(driver: WebDriver, forget: () => void): Session {
  // One driver, several tabs: every command first switches to its tab, one command at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };
  let tabs = 0;
  let current = '';
  return {
    async newTab() {
      const handle = await serial(async () => {
        if (tabs++ > 0) await driver.switchTo().newWindow('tab');
        current = await driver.getWindowHandle();
        return current;
      });
      const inTab = <T>(work: () => Promise<T>) =>
        serial(async () => {
          if (current !== handle) {
            await driver.switchTo().window(handle);
            current = handle;
          }
          return work();
        });
      return webkitTab(driver, inTab);
    },
    async cookies(url) {
      // WebDriver reads the cookies of the current document: the ones its URL would send.
      const { pathname } = new URL(url);
      const cookies = await serial(() => driver.manage().getCookies());
      return cookies
        .filter((c) => pathname.startsWith(c.path ?? '/'))
        .map((c) => ({
          name: c.name, value: c.value, domain: c.domain ?? '', path: c.path ?? '/',
          expires: typeof c.expiry === 'number' ? c.expiry : c.expiry instanceof Date ? c.expiry.getTime() / 1000 : null,
          sameSite: c.sameSite ?? null,
        }));
    },
    async close() {
      forget();
      await serial(() => driver.quit());
    },
  };
}

const KEYS: Record<Exclude<Key, 'Shift+Tab'>, string> = { Tab: SeleniumKey.TAB, Enter: SeleniumKey.ENTER, Space: SeleniumKey.SPACE, Escape: SeleniumKey.ESCAPE };

function webkitTab(driver: WebDriver, inTab: <T>(work: () => Promise<T>) => Promise<T>): Tab {
  return {
    goto: (url) => inTab(() => driver.get(url)),
    reload: () => inTab(() => driver.navigate().refresh()),
    clickSelector: (selector) => inTab(async () => (await driver.findElement(By.css(selector))).click()),
    press: (key) =>
      inTab(() =>
        key === 'Shift+Tab'
          ? driver.actions().keyDown(SeleniumKey.SHIFT).sendKeys(SeleniumKey.TAB).keyUp(SeleniumKey.SHIFT).perform()
          : driver.actions().sendKeys(KEYS[key]).perform(),
      ),
    evaluate: (fn, arg) => inTab(() => (arg === undefined ? driver.executeScript(fn) : driver.executeScript(fn, arg))) as never,
    install: (source) => inTab(async () => void (await driver.executeScript(source))),
    close: () => inTab(() => driver.close()),
  };
}
