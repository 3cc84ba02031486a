import type { ConsentCore } from '../core/createConsentCore';

/**
 * Auto-blocking: holds back scripts, iframes and images that other code gives
 * a `src` on a host of `config.blocking` before its category is granted. A
 * script starts fetching when inserted and an image as soon as its `src` is
 * set, before any MutationObserver hears of it, so the `src` setters and
 * `setAttribute` are intercepted. A held element gets `data-src` and
 * `data-consent` instead: from there it is an ordinary tagged element, and
 * `held` keeps the ones never inserted (a `new Image()` pixel). Returns the
 * function that restores the prototypes.
 */
export function autoBlock(core: ConsentCore, held: HTMLElement[]): () => void {
  const { blocking } = core.config;
  const proto = Element.prototype;
  const setAttribute = proto.setAttribute;
  const undo: Array<() => unknown> = [() => (proto.setAttribute = setAttribute)];

  const hold = (el: HTMLElement, src: string): boolean | void => {
    try {
      const host = '.' + new URL(src, location.href).hostname;
      for (const key in blocking) {
        // `*.stats.example` covers stats.example and its subdomains.
        const category = blocking[key]!;
        if (host == '.' + key || (key[0] == '*' && host.endsWith(key.slice(1)))) {
          return !core.has(category) && held.push(Object.assign(el.dataset, { src, consent: category }) && el) > 0;
        }
      }
    } catch {
      // Not a URL: nothing to hold.
    }
  };

  for (const { prototype } of [HTMLScriptElement, HTMLIFrameElement, HTMLImageElement]) {
    const src = Object.getOwnPropertyDescriptor(prototype, 'src')!;
    Object.defineProperty(prototype, 'src', {
      ...src,
      set(url: string) {
        hold(this, url) || src.set!.call(this, url);
      },
    });
    undo.push(() => Object.defineProperty(prototype, 'src', src));
  }
  proto.setAttribute = function (name: string, value: string) {
    (/^src$/i.test(name) && /^(script|iframe|img)$/.test(this.localName) && hold(this as HTMLElement, value)) || setAttribute.call(this, name, value);
  };
  return () => undo.forEach((f) => f());
}
