import type { Sha256 } from '../core/shownHash';
import type { Clock, KeyValueStore } from '../core/storage';

/** Where and for how long a cookie is written. */
export interface CookieAttributes {
  /** How long the browser keeps it, in days. */
  maxAgeDays: number;
  /** e.g. `.example.com`; null: the current host only. */
  domain: string | null;
}

/**
 * The page's cookies. Never throws: where cookies are refused (a sandboxed
 * frame) or there is no document, it reads as empty and writes nowhere.
 */
export interface CookieJar {
  /** The decoded value of a cookie the page can read, or null (absent, or not URI-encoded). */
  get(name: string): string | null;
  /** The names of every cookie the page can read, each once. */
  names(): string[];
  /** Writes a first-party cookie: path `/`, `SameSite=Lax`, `Secure` on https, the value URI-encoded. */
  set(name: string, value: string, attributes: CookieAttributes): void;
  /**
   * Deletes a cookie under every domain and path it could have been set on
   * from this page: no domain, the host and each parent domain; `/`, the
   * current path and each parent, with and without a trailing slash. A
   * deletion only hits a cookie with the same domain and path.
   */
  remove(name: string): void;
}

/** Web storage behind the store interface, with the key listing that clearing needs. */
export interface WebStore extends KeyValueStore {
  /** Stores the value; false when web storage refused it and only memory holds it, for this page view. */
  set(key: string, value: string): boolean;
  /** Every key stored; empty where storage is refused. */
  keys(): string[];
}

/** Opaque handle of a scheduled call. */
export type TimerId = ReturnType<typeof setTimeout>;

export interface Timers {
  /** Calls `run` after `ms` milliseconds. */
  set(run: () => void, ms: number): TimerId;
  clear(id: TimerId | undefined): void;
}

/** How requests reach the ledger. */
export interface Transport {
  /** Sends a request; never called without `keepalive`, so a request outlives a navigation. */
  fetch: typeof fetch;
  /** Hands a body to the browser for delivery after the page is gone; whether it took it is not reported. */
  beacon(url: string, body: string): void;
  /** Calls `hide` when the page is hidden or left, `online` when the browser is back online; returns the cleanup. */
  watchPage(hide: () => void, online: () => void): () => void;
}

/** Short messages between the tabs of the site. */
export interface TabChannel {
  post(message: string): void;
  /** Calls `receive` with each message another tab posted. */
  listen(receive: (message: string) => void): void;
  /** Stops listening and releases the channel. */
  close(): void;
}

/** The page itself: its address, its languages, its privacy signal. */
export interface PageInfo {
  /** The page's document; null in Node. */
  document: Document | null;
  /** The page's URL, the base of relative URLs. */
  href(): string;
  reload(): void;
  /** `<html lang>`, then the browser's languages, in order of preference. */
  languages(): string[];
  /** Global Privacy Control: only a literal `true` counts. */
  globalPrivacyControl(): boolean;
}

/**
 * Every browser service the kit uses, handed to each layer as floating-ui
 * hands its `platform` to `computePosition`: no layer reaches for a global,
 * so each can be driven in Node with an in-memory platform.
 */
export interface Platform {
  cookies: CookieJar;
  /** localStorage, falling back to memory. */
  local: WebStore;
  /** sessionStorage, falling back to memory. */
  session: WebStore;
  clock: Clock;
  timers: Timers;
  transport: Transport;
  /** Opens a channel to the site's other tabs; close it when done. */
  openTabChannel(): TabChannel;
  page: PageInfo;
  /** SHA-256 by Web Crypto (`crypto.subtle.digest`); absent where the page has none (a plain-http origin). */
  sha256?: Sha256;
}
