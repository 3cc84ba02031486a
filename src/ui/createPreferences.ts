import type { ConsentCore, DecisionOptions } from '../core/createConsentCore';
import type { ReceiptSource } from '../core/receipt';
import { button, type H } from './h';
import type { Texts } from './texts';

const SERVICE_FIELDS = ['provider', 'purpose', 'duration', 'cookies'] as const;
const LAYER = { layer: 'preferences' } as const;

/**
 * The preferences dialog: one switch per category reflecting the current
 * decision (nothing pre-ticked without one), its services in a <details>,
 * a focus trap, and focus back to the opener on close, or to `fallbackFocus`
 * when the opener is gone (the banner hides once a choice is made).
 */
export function createPreferences(core: ConsentCore, doc: Document, h: H, t: Texts, lang: string, fallbackFocus: () => HTMLElement) {
  let source: ReceiptSource;
  let opener: HTMLElement | null;
  let isOpen = false;

  const status = h('p', { role: 'status' });
  const switches = core.config.categories.map((c) => {
    const input = h('input', { type: 'checkbox', role: 'switch' }) as HTMLInputElement;
    input.disabled = c.required;
    const description = c.description ?? t[c.id + 'Text'];
    const services = c.services.map((s) =>
      h(
        'li',
        {},
        h('strong', {}, s.name),
        h('dl', {}, ...SERVICE_FIELDS.flatMap((k) => {
          const value = k == 'cookies' ? s.cookies?.join(', ') : s[k];
          return value ? [h('dt', {}, t[k]), h('dd', {}, value)] : [];
        })),
      ),
    );
    const item = h(
      'li',
      {},
      h('label', {}, input, c.label ?? t[c.id] ?? c.id),
      description ? h('p', {}, description) : '',
      services.length ? h('details', {}, h('summary', {}, t.services), h('ul', {}, ...services)) : '',
    );
    return { c, input, item };
  });

  function reflect(): void {
    const state = core.get();
    for (const { c, input } of switches) input.checked = c.required || state?.categories[c.id] === true;
  }

  const decide = (fn: (o: DecisionOptions) => unknown) => () => {
    fn({ source });
    reflect();
    status.textContent = t.saved;
  };

  function onkeydown(e: KeyboardEvent): void {
    if (e.key == 'Escape') close();
    // Wraps focus itself: jsdom has no native modal, and browsers may let focus leave a modal for their own UI.
    if (e.key == 'Tab' && doc.activeElement == (e.shiftKey ? first : last)) {
      e.preventDefault();
      (e.shiftKey ? last : first).focus();
    }
  }

  // The edges of the focus order: the first optional switch (built-in categories come first) and Close.
  const first = switches[1]!.input;
  const last = button(h, t.close, close);
  // `onclose` answers the browser's own close requests; the check skips a late event after a quick reopen.
  const el = h(
    'dialog',
    { class: 'ck ck-d', 'aria-labelledby': 'ck-pt', lang, onkeydown, onclose: () => el.open || close() },
    h('h2', { id: 'ck-pt' }, t.dialogTitle),
    h('ul', {}, ...switches.map((s) => s.item)),
    status,
    h(
      'div',
      { class: 'ck-r' },
      button(h, t.acceptAll, decide(core.acceptAll), 'ck-p'),
      button(h, t.rejectAll, decide(core.rejectAll), 'ck-p'),
      button(h, t.save, decide((o) => core.save(Object.fromEntries(switches.map(({ c, input }) => [c.id, input.checked])), o))),
      last,
    ),
  ) as HTMLDialogElement & Partial<Pick<HTMLDialogElement, 'showModal' | 'close'>>;

  /** Opens the dialog; decisions taken in it are recorded with `src` as their source. */
  function open(src: ReceiptSource): void {
    source = src;
    status.textContent = '';
    reflect();
    if (isOpen) return;
    isOpen = true;
    opener = doc.activeElement as HTMLElement | null;
    doc.body.append(el);
    if (el.showModal) el.showModal();
    else el.setAttribute('open', '');
    first.focus();
    core.emit('show', LAYER);
  }

  function close(): void {
    if (!isOpen) return;
    isOpen = false;
    if (el.close) el.close();
    else el.removeAttribute('open');
    ((opener?.isConnected && opener) || fallbackFocus()).focus?.();
    core.emit('hide', LAYER);
  }

  return { el, open, close, reflect };
}
