/** Copies `data-src` (and kin) onto the real attribute; an `<object>` loads from `data`. */
export function swap(el: HTMLElement): void {
  for (const name of ['src', 'href', 'srcset', 'poster']) {
    const value = el.dataset[name];
    if (value != null) el.setAttribute(name == 'src' && el.localName == 'object' ? 'data' : name, value);
  }
}
