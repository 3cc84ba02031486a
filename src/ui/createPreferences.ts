import type { ConsentCore, DecisionOptions } from '../core/createConsentCore';
import type { ReceiptSource } from '../core/receipt';
import { buttonRow } from './buttonRow';
import { categoryEntries, type CategoryEntry } from './categoryEntries';
import type { H } from './h';
import type { ResolvedTexts } from './texts';

const LAYER = { layer: 'preferences' } as const;

/** The preferences dialog and what the rest of the UI does with it. */
export interface Preferences {
  dialog: HTMLDialogElement;
  /** Opens the dialog (or refreshes it when open); decisions taken in it are recorded with `source`. */
  openFrom(source: ReceiptSource): void;
  /** Closes it, giving focus back; does nothing when closed. */
  closeDialog(): void;
  /** Sets every switch from the current decision. */
  reflect(): void;
}

/** A category's switch, beside what it stands for. */
interface Switch {
  categoryId: string;
  required: boolean;
  input: HTMLInputElement;
}

/** A category's list item: its switch and label, its description, its services in a <details>. */
function categoryItem(h: H, t: ResolvedTexts, entry: CategoryEntry, input: HTMLInputElement): HTMLElement {
  const services = entry.services.map((service) =>
    h('li', {}, h('strong', {}, service.name), h('dl', {}, ...service.details.flatMap((detail) => [h('dt', {}, detail.term), h('dd', {}, detail.value)]))),
  );
  return h(
    'li',
    {},
    h('label', {}, input, entry.label),
    entry.description === '' ? '' : h('p', {}, entry.description),
    services.length === 0 ? '' : h('details', {}, h('summary', {}, t.services), h('ul', {}, ...services)),
  );
}

/**
 * The preferences dialog: one switch per category reflecting the current
 * decision (nothing pre-ticked without one), its services in a <details>,
 * a focus trap, and focus back to the opener on close, or to `fallbackFocus`
 * when the opener is gone (the banner hides once a choice is made).
 */
export function createPreferences(core: ConsentCore, h: H, t: ResolvedTexts, lang: string, fallbackFocus: HTMLElement): Preferences {
  const doc = fallbackFocus.ownerDocument;
  let source: ReceiptSource;
  let opener: HTMLElement | null = null;

  const status = h('p', { role: 'status' });
  const entries = categoryEntries(core.config, t);
  const switches: Switch[] = entries.map((entry) => {
    const input = h('input', { type: 'checkbox', role: 'switch' }) as HTMLInputElement;
    input.disabled = entry.category.required;
    return { categoryId: entry.category.id, required: entry.category.required, input };
  });

  function reflect(): void {
    const state = core.get();
    for (const choice of switches) choice.input.checked = choice.required || state?.categories[choice.categoryId] === true;
  }

  // No reflect() here: the core's `consent` event makes createUi call it.
  const act = (decide: (options: DecisionOptions) => unknown) => () => {
    decide({ source });
    status.textContent = t.saved;
  };
  const choices = () => Object.fromEntries(switches.map((choice) => [choice.categoryId, choice.input.checked]));
  const row = buttonRow(h, t, core, act, [
    { text: t.save, onClick: act((options) => core.save(choices(), options)) },
    { text: t.close, onClick: closeDialog },
  ]);

  // The edges of the focus order: the first optional switch (built-in categories come first) and Close.
  const first = switches[1]!.input;
  const last = row.lastChild as HTMLElement;
  const dialog = h(
    'dialog',
    {
      class: 'ck ck-d',
      'aria-labelledby': 'ck-pt',
      lang,
      onkeydown(event: KeyboardEvent) {
        if (event.key === 'Escape') closeDialog();
        // Wraps focus itself: jsdom has no native modal, and browsers may let focus leave a modal for their own UI.
        if (event.key === 'Tab' && doc.activeElement === (event.shiftKey ? first : last)) {
          event.preventDefault();
          (event.shiftKey ? last : first).focus();
        }
      },
      // Answers the browser's own close requests; the check skips a late event after a quick reopen.
      onclose() {
        if (!dialog.open) closeDialog();
      },
    },
    h('h2', { id: 'ck-pt' }, t.dialogTitle),
    h('ul', {}, ...entries.map((entry, i) => categoryItem(h, t, entry, switches[i]!.input))),
    status,
    row,
  ) as HTMLDialogElement;

  function openFrom(from: ReceiptSource): void {
    source = from;
    status.textContent = '';
    reflect();
    // In the page only while open: being connected is the open state.
    if (dialog.isConnected) return;
    opener = doc.activeElement as HTMLElement | null;
    doc.body.append(dialog);
    // jsdom has no showModal(); an `open` attribute is all it needs.
    dialog.showModal?.();
    dialog.setAttribute('open', '');
    first.focus();
    core.emit('show', LAYER);
  }

  function closeDialog(): void {
    if (!dialog.isConnected) return;
    // Detached, it is gone for jsdom too (which has no close()).
    dialog.close?.();
    dialog.remove();
    const target = opener?.isConnected === true ? opener : fallbackFocus;
    target.focus?.();
    core.emit('hide', LAYER);
  }

  return { dialog, openFrom, closeDialog, reflect };
}
