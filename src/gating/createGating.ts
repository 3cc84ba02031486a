import type { ConsentCore } from '../core/createConsentCore';
import { autoBlock } from './autoBlock';
import { clearCookies } from './clearCookies';
import { createH } from '../ui/h';
import { categoryLabel, textsFor } from '../ui/texts';

/** Copies `data-src` (and kin) onto the real attribute; an `<object>` loads from `data`. */
function swap(el: HTMLElement): void {
  for (const name of ['src', 'href', 'srcset', 'poster']) {
    const value = el.dataset[name];
    if (value != null) el.setAttribute(name == 'src' && el.localName == 'object' ? 'data' : name, value);
  }
}

export interface GatingOptions {
  /** The page whose tagged elements are gated. */
  document: Document;
  /** The visitor's language, for the placeholders' texts. @default 'en' */
  language?: string;
  /** Reloads the page after a withdrawal (a test seam). @default () => location.reload() */
  reload?: () => void;
}

/**
 * Gates tagged elements (CONTRACT §3): each runs exactly once, in document
 * order, once every category it names is granted; `!category` marks fallback
 * content hidden once granted. One MutationObserver path sees every element,
 * parsed or inserted later. Refused categories lose their cookies and storage
 * keys, and withdrawing what already ran reloads the page once.
 */
export function createGating(
  core: ConsentCore,
  { document: d, language = 'en', reload = () => location.reload() }: GatingOptions,
): { destroy(): void } {
  const { config } = core;
  const seen = new WeakSet<Element>();
  const boxes = new Map<Element, HTMLElement>();
  /** Categories whose elements ran (repeats are harmless). */
  const ran: string[] = [];
  const queue: HTMLElement[] = [];
  const held: HTMLElement[] = [];
  let waiting: boolean | undefined;

  const categoriesOf = (el: HTMLElement) => el.dataset.consent!.match(/[^\s!]+/g) ?? [];

  /**
   * Stands in for a blocked iframe, which is hidden meanwhile: one button,
   * named after the service and what it does ("Load Video (accept Marketing
   * cookies)"), that grants the iframe's categories in one click, recorded
   * with source `placeholder`. Text only, never HTML. Texts and category names
   * are the banner's (src/ui/texts.ts), so one override in `texts` renames a
   * category everywhere.
   */
  const placeholder = (iframe: HTMLElement, need: string[]) => {
    const t = textsFor(language, config.texts);
    const category = need.map((id) => categoryLabel(config.categories.find((c) => c.id == id) ?? { id, label: null }, t)).join(' + ');
    const button = createH(d)(
      'button',
      { class: 'ck-ph', type: 'button', onclick: () => core.save(Object.fromEntries(need.map((id) => [id, true])), { source: 'placeholder' }) },
      t.placeholder.replace('{service}', iframe.dataset.service || iframe.title || category).replace('{category}', category),
    );
    iframe.before(button);
    iframe.hidden = true;
    boxes.set(iframe, button);
  };

  const consider = (el: HTMLElement) => {
    if (seen.has(el)) return;
    const need = categoriesOf(el);
    if (el.dataset.consent!.includes('!')) el.hidden = core.has(need);
    // An empty list grants nothing: a typo must not run a tracker.
    else if (need[0] && core.has(need)) seen.add(el), queue.push(el);
    else if (el.localName == 'iframe' && !boxes.has(el)) placeholder(el, need);
  };

  const pump = (): void => {
    // Any tagged element; typed as a script for the script-only properties read below.
    for (let el; !waiting && (el = queue[0] as HTMLScriptElement | undefined); ) {
      // While parsing, a script without a next sibling may not have all its text yet.
      if (d.readyState == 'loading' && el.localName == 'script' && !el.nextSibling) return;
      queue.shift();
      const need = categoriesOf(el);
      // Withdrawn while waiting in line: it may run after a later grant.
      if (!core.has(need)) {
        seen.delete(el);
        continue;
      }
      ran.push(...need);
      // Once it ran, `seen` keeps it from being considered again: the stale entry is harmless.
      const box = boxes.get(el);
      if (box) box.remove(), (el.hidden = false);
      // Lets it run or fetch. A `type="text/plain"` script is replaced by a new
      // one with every attribute and its text, typed from `data-type` (default
      // classic): a script never runs if merely retyped, nor does a clone of one
      // inserted through innerHTML (cloning keeps its "already started" flag).
      // An external script without `async` holds the queue until it loads or fails.
      if (el.type == 'text/plain' && el.localName == 'script') {
        const s = d.createElement('script');
        for (const { name, value } of el.attributes) s.setAttribute(name, value);
        s.text = el.text;
        s.type = el.dataset.type || '';
        // The page hides a parsed nonce attribute; the property keeps it.
        s.nonce = el.nonce!;
        swap(s);
        seen.add(s);
        if ((waiting = !!s.src && !s.hasAttribute('async'))) s.onload = s.onerror = () => {
          waiting = false;
          pump();
        };
        el.replaceWith(s);
      } else {
        for (const x of [el, ...el.querySelectorAll<HTMLElement>('source,track')]) swap(x);
        // A <source> whose src changes is not picked up until its media element reloads.
        el.closest<HTMLMediaElement>('video,audio')?.load();
      }
    }
  };

  /** Considers the tagged elements under these roots, and the held ones, then runs what it can. */
  const scan = (roots: Iterable<ParentNode> = [d]) => {
    for (const root of roots) root.querySelectorAll<HTMLElement>('[data-consent]').forEach(consider);
    held.forEach(consider);
    pump();
  };

  const unblock = Object.keys(config.blocking)[0] ? autoBlock(core, held) : () => {};
  // One native query per parent that changed is far cheaper than visiting each added node in script.
  const observer = new MutationObserver((records) => scan(new Set(records.map((r) => r.target as Element))));
  observer.observe(d, { childList: true, subtree: true });
  const off = core.on('change', ({ revoked }) => {
    if (revoked[0]) {
      clearCookies(core, revoked);
      const key = config.cookie.name + ':reloaded';
      try {
        // Once per 10 s: a page that grants and withdraws by itself must not loop.
        const now = Date.now();
        if (config.reloadOnWithdraw && revoked.some((id) => ran.includes(id)) && !(now - +sessionStorage[key] < 1e4)) {
          sessionStorage[key] = now;
          setTimeout(reload);
        }
      } catch {
        // Without session storage there is no loop guard, so no reload.
      }
    }
    scan();
  });
  // Every parsed element was considered as it came: what is left is to run the queue's end.
  d.addEventListener('DOMContentLoaded', pump);
  scan();
  // Leftovers of refused categories (set before a refusal, or by another page):
  // after the first paint, which nothing here should delay.
  const purge = setTimeout(() => clearCookies(core));

  return {
    destroy() {
      clearTimeout(purge);
      unblock();
      observer.disconnect();
      off();
      // An empty queue makes a late `DOMContentLoaded` or script `load` a no-op.
      queue.length = 0;
      boxes.forEach((box) => box.remove());
    },
  };
}
