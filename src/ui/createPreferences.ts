import type { ConsentCore, DecisionOptions } from '../core/createConsentCore';
import type { ReceiptSource } from '../core/receipt';
import { buttonRow, type H } from './h';
import { categoryLabel, type Texts } from './texts';

const LAYER = { layer: 'preferences' } as const;

/** The dialog element and its open (decisions then come from `source`), close and reflect-the-decision functions. */
export type Preferences = [el: HTMLDialogElement, open: (source: ReceiptSource) => void, close: () => void, reflect: () => void];

/**
 * The preferences dialog: one switch per category reflecting the current
 * decision (nothing pre-ticked without one), its services in a <details>,
 * a focus trap, and focus back to the opener on close, or to `fallbackFocus`
 * when the opener is gone (the banner hides once a choice is made).
 * A tuple, not an object: its parts are named where they are used, and
 * minified names cost nothing.
 */
export function createPreferences(core: ConsentCore, h: H, t: Texts, lang: string, fallbackFocus: HTMLElement): Preferences {
  const doc = fallbackFocus.ownerDocument;
  let source: ReceiptSource;
  let opener: HTMLElement | null;

  const status = h('p', { role: 'status' });
  const switches = core.config.categories.map((c) => {
    const input = h('input', { type: 'checkbox', role: 'switch' }) as HTMLInputElement;
    input.disabled = c.required;
    const description = c.description ?? t[c.id + 'Text'];
    const services = c.services.map((s) =>
      h(
        'li',
        0,
        h('strong', 0, s.name),
        h(
          'dl',
          0,
          ...(['provider', 'purpose', 'duration', 'cookies'] as const).flatMap((k) => {
            // Joins the cookie list; a single text passes through, a missing one becomes ''.
            const value = [s[k]].flat().join(', ');
            return value ? [h('dt', 0, t[k]), h('dd', 0, value)] : [];
          }),
        ),
      ),
    );
    const item = h(
      'li',
      0,
      h('label', 0, input, categoryLabel(c, t)),
      description ? h('p', 0, description) : '',
      services[0] ? h('details', 0, h('summary', 0, t.services), h('ul', 0, ...services)) : '',
    );
    return [c, input, item] as const;
  });

  function reflect(): void {
    const state = core.get();
    for (const [c, input] of switches) input.checked = c.required || state?.categories[c.id] === true;
  }

  // No reflect() here: the core's `consent` event makes createUi call it.
  const act = (decide: (o: DecisionOptions) => unknown) => () => {
    decide({ source });
    status.textContent = t.saved;
  };
  const row = buttonRow(h, t, core, act, [t.save, act((o) => core.save(Object.fromEntries(switches.map(([c, input]) => [c.id, input.checked])), o))], [t.close, close]);

  // The edges of the focus order: the first optional switch (built-in categories come first) and Close.
  const first = switches[1]![1];
  const last = row.lastChild as HTMLElement;
  // `onclose` answers the browser's own close requests; the check skips a late event after a quick reopen.
  const el = h(
    'dialog',
    {
      class: 'ck ck-d',
      'aria-labelledby': 'ck-pt',
      lang,
      onkeydown(e: KeyboardEvent) {
        if (e.key == 'Escape') close();
        // Wraps focus itself: jsdom has no native modal, and browsers may let focus leave a modal for their own UI.
        if (e.key == 'Tab' && doc.activeElement == (e.shiftKey ? first : last)) {
          e.preventDefault();
          (e.shiftKey ? last : first).focus();
        }
      },
      onclose: () => el.open || close(),
    },
    h('h2', { id: 'ck-pt' }, t.dialogTitle),
    h('ul', 0, ...switches.map((s) => s[2])),
    status,
    row,
  ) as HTMLDialogElement;

  function open(src: ReceiptSource): void {
    source = src;
    status.textContent = '';
    reflect();
    // In the page only while open: being connected is the open state.
    if (el.isConnected) return;
    opener = doc.activeElement as HTMLElement | null;
    doc.body.append(el);
    // jsdom has no showModal(); an `open` attribute is all it needs.
    el.showModal?.();
    el.setAttribute('open', '');
    first.focus();
    core.emit('show', LAYER);
  }

  function close(): void {
    if (!el.isConnected) return;
    // Detached, it is gone for jsdom too (which has no close()).
    el.close?.();
    el.remove();
    ((opener?.isConnected && opener) || fallbackFocus).focus?.();
    core.emit('hide', LAYER);
  }

  return [el, open, close, reflect];
}
