import { toServiceId } from '../core/serviceId';
import type { ConsentCore } from '../core/createConsentCore';
import type { Platform } from '../platform/Platform';
import { autoBlock } from './autoBlock';
import { clearCookies } from './clearCookies';
import type { PlaceholderBuilder } from './placeholder';

/** Copies `data-src` (and kin) onto the real attribute; an `<object>` loads from `data`. */
function swap(el: HTMLElement): void {
  for (const name of ['src', 'href', 'srcset', 'poster']) {
    const value = el.dataset[name];
    if (value === undefined) continue;
    el.setAttribute(name === 'src' && el.localName === 'object' ? 'data' : name, value);
  }
}

const isScript = (el: HTMLElement): el is HTMLScriptElement => el.localName === 'script';

/** A withdrawal reloads the page at most once in this many milliseconds, so a page cannot loop. */
const RELOAD_GUARD_MS = 10_000;

export interface GatingOptions {
  /** The browser services; its `page.document` is the page whose tagged elements are gated. */
  platform: Platform;
  /** Builds the placeholder of a blocked iframe. @default none: a blocked iframe is only hidden */
  placeholder?: PlaceholderBuilder;
}

/**
 * Gates tagged elements: each runs exactly once, in document order, once
 * every category it names is granted, or the service its `data-service`
 * names in place of that service's category; `!category` marks fallback content
 * hidden once granted. One MutationObserver path sees every element, parsed
 * or inserted later. Refused categories lose their cookies and storage keys,
 * and withdrawing what already ran reloads the page once. docs/gating.md
 * describes the markup.
 */
export function createGating(core: ConsentCore, { platform, placeholder }: GatingOptions): { destroy(): void } {
  const { config } = core;
  const { timers } = platform;
  const d = platform.page.document!;
  const seen = new WeakSet<Element>();
  /** Blocked iframes, hidden meanwhile, and the placeholder standing in for each (null without a builder). */
  const blocked = new Map<Element, HTMLElement | null>();
  /** Categories and services whose elements ran (repeats are harmless). */
  const ran: string[] = [];
  const queue: HTMLElement[] = [];
  const held: HTMLElement[] = [];
  /** An external script that holds the queue until it loads or fails. */
  let waiting = false;

  const categoriesOf = (el: HTMLElement) => el.dataset.consent?.match(/[^\s!]+/g) ?? [];
  const services = config.categories.flatMap((c) => c.services.map((namedService) => ({ namedService, serviceCategory: c.id })));
  /** The configured service `data-service` names, by its id or by a name read as one; none when it names none. */
  const serviceOf = (el: HTMLElement) => {
    const named = el.dataset.service;
    return named ? services.find(({ namedService }) => namedService.id === toServiceId(named)) : undefined;
  };
  /**
   * What an element waits for: its categories, where a named service stands
   * for its own category, so YouTube runs while the ad pixel beside it in
   * marketing stays refused. A service alone, without categories, grants nothing.
   */
  const needOf = (el: HTMLElement) => {
    const listed = categoriesOf(el);
    const named = serviceOf(el);
    return named && listed.length > 0 ? [...listed.filter((id) => id !== named.serviceCategory), named.namedService.id] : listed;
  };

  /** Stands a placeholder in for a blocked iframe, which is hidden meanwhile. */
  const standIn = (iframe: HTMLElement, need: string[]) => {
    const box =
      placeholder?.({
        service: serviceOf(iframe)?.namedService.name ?? (iframe.dataset.service || iframe.title || null),
        categories: categoriesOf(iframe),
        grant: () => core.save(Object.fromEntries(need.map((id) => [id, true])), { source: 'placeholder' }),
      }) ?? null;
    if (box) iframe.before(box);
    iframe.hidden = true;
    blocked.set(iframe, box);
  };

  const consider = (el: HTMLElement) => {
    if (seen.has(el)) return;
    const need = needOf(el);
    if (el.dataset.consent?.includes('!')) {
      el.hidden = core.has(need);
    } else if (need.length > 0 && core.has(need)) {
      // An empty list grants nothing: a typo must not run a tracker.
      seen.add(el);
      queue.push(el);
    } else if (el.localName === 'iframe' && !blocked.has(el)) {
      standIn(el, need);
    }
  };

  /** Lets a granted element run or fetch. */
  const release = (el: HTMLElement) => {
    if (blocked.has(el)) {
      blocked.get(el)?.remove();
      blocked.delete(el);
      el.hidden = false;
    }
    // A `type="text/plain"` script is replaced by a new one with every
    // attribute and its text, typed from `data-type` (default classic): a
    // script never runs if merely retyped, nor does a clone of one inserted
    // through innerHTML (cloning keeps its "already started" flag).
    if (isScript(el) && el.type === 'text/plain') {
      const script = d.createElement('script');
      for (const { name, value } of el.attributes) script.setAttribute(name, value);
      script.text = el.text;
      script.type = el.dataset.type ?? '';
      // The page hides a parsed nonce attribute; the property keeps it.
      script.nonce = el.nonce ?? '';
      swap(script);
      seen.add(script);
      // An external script without `async` holds the queue until it loads or fails.
      if (script.src !== '' && !script.hasAttribute('async')) {
        waiting = true;
        script.onload = script.onerror = () => {
          waiting = false;
          pump();
        };
      }
      el.replaceWith(script);
    } else {
      for (const x of [el, ...el.querySelectorAll<HTMLElement>('source,track')]) swap(x);
      // A <source> whose src changes is not picked up until its media element reloads.
      el.closest<HTMLMediaElement>('video,audio')?.load();
    }
  };

  const pump = (): void => {
    while (!waiting && queue.length > 0) {
      const el = queue[0]!;
      // While parsing, a script without a next sibling may not have all its text yet.
      if (d.readyState === 'loading' && el.localName === 'script' && !el.nextSibling) return;
      queue.shift();
      const need = needOf(el);
      // Withdrawn while waiting in line: it may run after a later grant.
      if (!core.has(need)) {
        seen.delete(el);
        continue;
      }
      ran.push(...need);
      release(el);
    }
  };

  /** Considers the tagged elements under these roots, and the held ones, then runs what it can. */
  const scan = (roots: Iterable<ParentNode> = [d]) => {
    for (const root of roots) root.querySelectorAll<HTMLElement>('[data-consent]').forEach(consider);
    held.forEach(consider);
    pump();
  };

  /** Reloads after a withdrawal of what ran, once per guard period; never without session storage to hold the guard. */
  const reloadOnce = () => {
    const key = config.cookie.name + ':reloaded';
    const now = platform.clock.now();
    const last = Number(platform.session.get(key));
    if (now - last < RELOAD_GUARD_MS) return;
    if (platform.session.set(key, String(now))) timers.set(() => platform.page.reload(), 0);
  };

  const win = d.defaultView;
  const unblock = win && Object.keys(config.blocking).length > 0 ? autoBlock(core, held, win, platform.page.href) : () => {};
  // One native query per parent that changed is far cheaper than visiting each added node in script.
  const observer = new MutationObserver((records) => scan(new Set(records.map((r) => r.target as Element))));
  observer.observe(d, { childList: true, subtree: true });
  const off = core.on('change', ({ revoked }) => {
    if (revoked.length > 0) {
      clearCookies(core, platform, revoked);
      if (config.reloadOnWithdraw && revoked.some((id) => ran.includes(id))) reloadOnce();
    }
    scan();
  });
  // Every parsed element was considered as it came: what is left is to run the queue's end.
  d.addEventListener('DOMContentLoaded', pump);
  scan();
  // Leftovers of refused categories (set before a refusal, or by another page):
  // after the first paint, which nothing here should delay.
  const purge = timers.set(() => clearCookies(core, platform), 0);

  return {
    destroy() {
      timers.clear(purge);
      unblock();
      observer.disconnect();
      off();
      d.removeEventListener('DOMContentLoaded', pump);
      // An empty queue makes a late script `load` a no-op.
      queue.length = 0;
      blocked.forEach((box) => box?.remove());
    },
  };
}
