import type { ConsentCore, DecisionOptions } from '../core/createConsentCore';
import type { H } from './h';
import type { Texts } from './texts';

/** One button of a row. */
export interface ButtonSpec {
  text: string;
  onClick: () => unknown;
  /** Accept all and Reject all are primary: the same look, side by side. @default false */
  primary?: boolean;
}

/** Turns a core decision into a click handler (so the row knows nothing of sources). */
export type Act = (decide: (options: DecisionOptions) => unknown) => () => unknown;

/**
 * A row of buttons: Accept all and Reject all first, alike (same class, size
 * and weight), then `more`.
 */
export function buttonRow(h: H, t: Texts, core: ConsentCore, act: Act, more: ButtonSpec[]): HTMLElement {
  const specs: ButtonSpec[] = [{ text: t.acceptAll, onClick: act(core.acceptAll), primary: true }, { text: t.rejectAll, onClick: act(core.rejectAll), primary: true }, ...more];
  const buttons = specs.map((spec) => h('button', { class: spec.primary === true ? 'ck-p' : undefined, onclick: spec.onClick }, spec.text));
  return h('div', { class: 'ck-r' }, ...buttons);
}
