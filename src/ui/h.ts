import type { ConsentCore, DecisionOptions } from '../core/createConsentCore';
import type { Texts } from './texts';

export type Child = Node | string;
export type H = (tag: string, attrs?: Record<string, unknown> | 0, ...children: Child[]) => HTMLElement;
/** A button's text, click handler and, for Accept and Reject (which look alike), class. */
export type ButtonSpec = [text: string, onclick: () => unknown, className?: string];

/**
 * A tiny element builder. Strings become text nodes, never HTML, so config
 * text cannot inject markup; functions become event properties (no inline
 * handler attributes, so a strict CSP is fine); `null` and `undefined`
 * attributes are left out.
 */
export const createH =
  (doc: Document): H =>
  (tag, attrs, ...children) => {
    const el = doc.createElement(tag);
    // `0` for no attributes: shorter than `{}` in every call.
    for (const key in attrs as object) {
      const value = (attrs as Record<string, unknown>)[key];
      if (typeof value == 'function') (el as unknown as Record<string, unknown>)[key] = value;
      else if (value != null) el.setAttribute(key, value as string);
    }
    el.append(...children);
    return el;
  };

/**
 * A row of buttons: Accept all and Reject all first, alike (same class, size
 * and weight), then `more`. `act` turns a core decision into a click handler.
 */
export const buttonRow = (h: H, t: Texts, core: ConsentCore, act: (decide: (o: DecisionOptions) => unknown) => () => unknown, ...more: ButtonSpec[]) =>
  h(
    'div',
    { class: 'ck-r' },
    ...[[t.acceptAll, act(core.acceptAll), 'ck-p'] as ButtonSpec, [t.rejectAll, act(core.rejectAll), 'ck-p'] as ButtonSpec, ...more].map(([text, onclick, className]) =>
      h('button', { class: className, onclick }, text),
    ),
  );
