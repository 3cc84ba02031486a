export type Child = Node | string;
export type H = (tag: string, attrs: Record<string, unknown>, ...children: Child[]) => HTMLElement;

/**
 * A tiny element builder. Strings become text nodes, never HTML, so config
 * text cannot inject markup; functions become event properties (no inline
 * handler attributes, so a strict CSP is fine); `null` and `undefined`
 * attributes are left out.
 */
export function createH(doc: Document): H {
  return (tag, attrs, ...children) => {
    const el = doc.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (typeof value == 'function') (el as unknown as Record<string, unknown>)[key] = value;
      else if (value != null) el.setAttribute(key, value as string);
    }
    el.append(...children);
    return el;
  };
}

/** A button; `className` 'ck-p' for Accept and Reject, which look alike. */
export const button = (h: H, text: string, onclick: () => unknown, className?: string) => h('button', { class: className, onclick }, text);
