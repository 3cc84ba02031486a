import type { ConsentCore } from '../core/createConsentCore';

/**
 * Auto-blocking: holds back scripts, iframes and images that other code gives
 * a `src` on a host of `config.blocking` before its category is granted. A
 * script starts fetching when inserted and an image as soon as its `src` is
 * set, before any MutationObserver hears of it, so `setAttribute` and the
 * `src` setters (which set the attribute) are intercepted. A held element
 * gets `data-src` and `data-consent` instead: from there it is an ordinary
 * tagged element, and `held` keeps the ones never inserted (a `new Image()`
 * pixel). Returns the function that restores the prototypes.
 */
export function autoBlock(core: ConsentCore, held: HTMLElement[]): () => void {
  const { blocking } = core.config;
  const proto = Element.prototype;
  const setAttribute = proto.setAttribute;
  const undo = [HTMLScriptElement, HTMLIFrameElement, HTMLImageElement].map(({ prototype }) => {
    const src = Object.getOwnPropertyDescriptor(prototype, 'src')!;
    Object.defineProperty(prototype, 'src', {
      ...src,
      set(url: string) {
        this.setAttribute('src', url);
      },
    });
    return () => Object.defineProperty(prototype, 'src', src);
  });
  proto.setAttribute = function (name: string, src: string) {
    if (/^src$/i.test(name) && /^(script|iframe|img)$/.test(this.localName)) {
      try {
        const host = '.' + new URL(src, location.href).hostname;
        for (const key in blocking) {
          const consent = blocking[key]!;
          // `*.stats.example` covers stats.example and its subdomains.
          if (key[0] == '*' ? host.endsWith(key.slice(1)) : host == '.' + key) {
            if (!core.has(consent)) return void held.push(Object.assign((this as HTMLElement).dataset, { src, consent }) && (this as HTMLElement));
            break;
          }
        }
      } catch {
        // Not a URL: nothing to hold.
      }
    }
    setAttribute.call(this, name, src);
  };
  return () => {
    proto.setAttribute = setAttribute;
    undo.forEach((f) => f());
  };
}
