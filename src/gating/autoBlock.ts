import type { ConsentCore } from '../core/createConsentCore';
import { hostMatches } from './hostMatches';

/**
 * Auto-blocking: holds back scripts, iframes and images that other code gives
 * a `src` on a host of `config.blocking` before its category is granted. A
 * script starts fetching when inserted and an image as soon as its `src` is
 * set, before any MutationObserver hears of it, so `setAttribute` and the
 * `src` setters (which set the attribute) of the page's window are
 * intercepted. A held element gets `data-src` and `data-consent` instead:
 * from there it is an ordinary tagged element, and `held` keeps the ones never
 * inserted (a `new Image()` pixel). Returns the function that restores the
 * prototypes.
 * @param win the page's window, whose prototypes are patched
 * @param baseUrl the page's URL, against which relative `src` values resolve
 */
export function autoBlock(core: ConsentCore, held: HTMLElement[], win: Window & typeof globalThis, baseUrl: () => string): () => void {
  const { blocking } = core.config;
  const proto = win.Element.prototype;
  const setAttribute = proto.setAttribute;

  /** The category a URL's host is mapped to; null when it is not mapped or not a URL. */
  const categoryOf = (src: string): string | null => {
    let hostname: string;
    try {
      hostname = new URL(src, baseUrl()).hostname;
    } catch {
      return null;
    }
    for (const pattern in blocking) {
      if (hostMatches(pattern, hostname)) return blocking[pattern] ?? null;
    }
    return null;
  };

  const undo = [win.HTMLScriptElement, win.HTMLIFrameElement, win.HTMLImageElement].map(({ prototype }) => {
    const src = Object.getOwnPropertyDescriptor(prototype, 'src')!;
    Object.defineProperty(prototype, 'src', {
      ...src,
      set(url: string) {
        this.setAttribute('src', url);
      },
    });
    return () => Object.defineProperty(prototype, 'src', src);
  });

  proto.setAttribute = function (name: string, value: string) {
    const intercepted = name.toLowerCase() === 'src' && ['script', 'iframe', 'img'].includes(this.localName);
    const consent = intercepted ? categoryOf(value) : null;
    if (consent !== null && !core.has(consent)) {
      const el = this as HTMLElement;
      el.dataset.src = value;
      el.dataset.consent = consent;
      held.push(el);
      return;
    }
    setAttribute.call(this, name, value);
  };

  return () => {
    proto.setAttribute = setAttribute;
    for (const restore of undo) restore();
  };
}
