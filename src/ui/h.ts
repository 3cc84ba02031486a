/** What an element holds: elements, or strings that become text nodes. */
export type Child = Node | string;

/**
 * An element's attributes and event handlers: a function becomes an event
 * property (`onclick`), `null` and `undefined` are left out, anything else
 * becomes an attribute.
 */
export type Attributes = Readonly<Record<string, unknown>>;

/** Builds one element: `h('button', { class: 'ck-p', onclick }, 'Accept all')`. */
export type H = (tag: string, attributes: Attributes, ...children: Child[]) => HTMLElement;

/**
 * A tiny element builder for `doc`. Strings become text nodes, never HTML, so
 * config text cannot inject markup; handlers are properties, not inline
 * attributes, so a strict Content-Security-Policy is fine.
 */
export function createH(doc: Document): H {
  return (tag, attributes, ...children) => {
    const el = doc.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (typeof value === 'function') (el as unknown as Record<string, unknown>)[key] = value;
      else if (value !== null && value !== undefined) el.setAttribute(key, String(value));
    }
    el.append(...children);
    return el;
  };
}
