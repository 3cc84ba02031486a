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
  /** The polite live region that confirms a decision; in the page from the dialog's first opening on. */
  status: HTMLElement;
}

/** A switch, beside the category or service id it stands for. */
interface Switch {
  id: string;
  checkbox: HTMLInputElement;
}

/** A category's switch and its services' switches. */
interface Group {
  categorySwitch: Switch;
  serviceSwitches: Switch[];
}

/** A category's list item: its switch and label, its description, its services (each with its switch) in a <details>. */
function categoryItem(h: H, t: ResolvedTexts, entry: CategoryEntry, group: Group): HTMLElement {
  const services = entry.services.map((service, i) =>
    h(
      'li',
      {},
      h('label', {}, group.serviceSwitches[i]!.checkbox, service.name),
      h('dl', {}, ...service.details.flatMap((detail) => [h('dt', {}, detail.term), h('dd', {}, detail.value)])),
    ),
  );
  return h(
    'li',
    {},
    h('label', {}, group.categorySwitch.checkbox, entry.label),
    entry.description === '' ? '' : h('p', {}, entry.description),
    services.length === 0 ? '' : h('details', {}, h('summary', {}, t.services), h('ul', {}, ...services)),
  );
}

/** A category with services is on when all of them are, off when none is, and mixed (`aria-checked="mixed"`) in between. */
function showMix({ categorySwitch, serviceSwitches }: Group): void {
  const category = categorySwitch.checkbox;
  const on = serviceSwitches.filter((service) => service.checkbox.checked).length;
  if (serviceSwitches.length === 0) return;
  category.checked = on === serviceSwitches.length;
  category.indeterminate = on > 0 && !category.checked;
  if (category.indeterminate) category.setAttribute('aria-checked', 'mixed');
  else category.removeAttribute('aria-checked');
}

/**
 * The preferences dialog: one switch per category and one per service,
 * reflecting the current decision (nothing pre-ticked without one); turning
 * a category's switch turns all its services'. A decision (Save, Accept all,
 * Reject all) closes it and is confirmed in a polite live region outside it;
 * Escape and Close close it without deciding. A focus trap, and focus back
 * to the opener on close, or to `fallbackFocus` when the opener is gone (the
 * banner hides once a choice is made).
 */
export function createPreferences(core: ConsentCore, h: H, t: ResolvedTexts, lang: string, fallbackFocus: HTMLElement): Preferences {
  const doc = fallbackFocus.ownerDocument;
  let source: ReceiptSource;
  let opener: HTMLElement | null = null;

  // Outside the dialog, so that it is still there to be read once the dialog has closed.
  const status = h('p', { role: 'status', class: 'ck-live' });
  doc.body.append(status);
  const entries = categoryEntries(core.config, t);
  const newSwitch = (id: string, required: boolean, onchange: () => void): Switch => {
    const checkbox = h('input', { type: 'checkbox', role: 'switch', onchange }) as HTMLInputElement;
    checkbox.disabled = required;
    return { id, checkbox };
  };
  const groups = entries.map(({ category, services }) => {
    const group: Group = {
      categorySwitch: newSwitch(category.id, category.required, () => {
        for (const service of group.serviceSwitches) service.checkbox.checked = group.categorySwitch.checkbox.checked;
        showMix(group);
      }),
      serviceSwitches: services.map((service) => newSwitch(service.id, category.required, () => showMix(group))),
    };
    return group;
  });
  const switches = groups.flatMap((group) => [group.categorySwitch, ...group.serviceSwitches]);

  function reflect(): void {
    const state = core.get();
    for (const { id, checkbox } of switches) checkbox.checked = checkbox.disabled || state?.categories[id] === true || state?.services[id] === true;
    groups.forEach(showMix);
  }

  // No reflect() here: the core's `consent` event makes createUi call it.
  const act = (decide: (options: DecisionOptions) => unknown) => () => {
    decide({ source });
    closeDialog();
    status.textContent = t.saved;
  };
  // A mixed category sends false, and its services, named too, win.
  const choices = () => Object.fromEntries(switches.map(({ id, checkbox }) => [id, checkbox.checked]));
  const row = buttonRow(h, t, core, act, [
    { text: t.save, onClick: act((options) => core.save(choices(), options)) },
    { text: t.close, onClick: closeDialog },
  ]);

  // The edges of the focus order: the first optional switch (built-in categories come first) and Close.
  const first = groups[1]!.categorySwitch.checkbox;
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
    h('ul', {}, ...entries.map((entry, i) => categoryItem(h, t, entry, groups[i]!))),
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

  return { dialog, openFrom, closeDialog, reflect, status };
}
