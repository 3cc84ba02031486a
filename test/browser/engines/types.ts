/**
 * The driver-neutral surface every story is written against. Each engine file
 * (chromium.ts, firefox.ts, webkit.ts) implements it with its own driver;
 * stories never see a driver type.
 */

/** The keys a keyboard user presses in the stories. */
export type Key = 'Tab' | 'Shift+Tab' | 'Enter' | 'Space' | 'Escape';

export interface Cookie {
  name: string;
  value: string;
  /** As the browser reports it: `.shop.test` for a domain cookie, `www.shop.test` for a host-only one. */
  domain: string;
  path: string;
  /** When it expires, in seconds since 1970; null for a session cookie. */
  expires: number | null;
  /** 'Strict', 'Lax' or 'None' as the engine reports it; null when it reports nothing. */
  sameSite: string | null;
}

export interface Tab {
  /** Navigates and waits for the load event. */
  goto(url: string): Promise<void>;
  /** Reloads and waits for the load event. */
  reload(): Promise<void>;
  /** Clicks, with the engine's real pointer, the element the CSS selector matches (page.ts finds it by role and name). */
  clickSelector(selector: string): Promise<void>;
  /** Presses one key, or Shift+Tab, on whatever has focus. */
  press(key: Key): Promise<void>;
  /**
   * Runs `fn` in the page and returns its result. Return plain values only
   * (strings, numbers, booleans, arrays, objects): DOM nodes do not cross
   * every driver.
   */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Runs a script given as source text (e.g. a library to install); its completion value is discarded. */
  install(source: string): Promise<void>;
  close(): Promise<void>;
}

/** A browsing session with its own cookie jar and storage, like a fresh visitor. */
export interface Session {
  newTab(): Promise<Tab>;
  /** Every cookie the session holds for the pages of `url`'s host, whatever the domain attribute. */
  cookies(url: string): Promise<Cookie[]>;
  close(): Promise<void>;
}

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export interface Engine {
  name: EngineName;
  /** e.g. "Chromium 156.0.8078.114", read from the running browser. */
  version: string;
  newSession(): Promise<Session>;
  /** Stops the browser and every process started for it. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Every engine opens any `*.test` host on 127.0.0.1 (the port stays the one
 * in the URL), so a page can load from www.shop.test and a tag from
 * tracker.test with one local server behind both.
 */
export type LaunchEngine = () => Promise<Engine>;
