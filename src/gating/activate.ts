/** Copies `data-src` (and kin) onto the real attribute; an `<object>` loads from `data`. */
function swap(el: Element): void {
  for (const name of ['src', 'href', 'srcset', 'poster']) {
    const value = el.getAttribute('data-' + name);
    if (value != null) el.setAttribute(name == 'src' && el.localName == 'object' ? 'data' : name, value);
  }
}

/**
 * Lets one granted element run or fetch. A `type="text/plain"` script is
 * replaced by a new one with every attribute and its text, typed from
 * `data-type` (default classic): a script never runs if merely retyped, nor
 * does a clone of one inserted through innerHTML (cloning keeps its
 * "already started" flag). Returns true when the caller must wait for `done`
 * before the next element: an external script without `async`, whose order
 * must hold.
 */
export function activate(el: HTMLElement, seen: WeakSet<Element>, done: () => void): boolean {
  const old = el as HTMLScriptElement;
  if (old.type == 'text/plain' && old.localName == 'script') {
    const s = old.ownerDocument.createElement('script');
    for (const { name, value } of old.attributes) s.setAttribute(name, value);
    s.text = old.text;
    s.type = old.dataset.type || '';
    // The page hides a parsed nonce attribute; the property keeps it.
    s.nonce = old.nonce!;
    swap(s);
    seen.add(s);
    const wait = !!s.src && !s.hasAttribute('async');
    if (wait) s.onload = s.onerror = done;
    old.replaceWith(s);
    return wait;
  }
  for (const x of [el, ...el.querySelectorAll('source,track')]) swap(x);
  // A <source> whose src changes is not picked up until its media element reloads.
  el.closest<HTMLMediaElement>('video,audio')?.load();
  return false;
}
