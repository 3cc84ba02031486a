import type { ConsentCore } from '../core/createConsentCore';
import type { ReceiptSource } from '../core/receipt';
import { buttonRow, createH } from './h';
import { createPreferences } from './createPreferences';
import css from './styles.css?raw';
import { keptFor, textsFor } from './texts';

/** Languages with built-in texts; others can be added through `config.texts`. */
export const BUILT_IN_LANGUAGES = ['en', 'fr'] as const;

export interface UiOptions {
  /** The page to show the banner, dialog and settings button in. */
  document: Document;
  /** The language chosen for this visitor (see chooseLanguage). */
  language: string;
}

export interface Ui {
  /** Shows the banner (first layer). */
  show(): void;
  /** Opens the preferences dialog. */
  showPreferences(): void;
  /** Hides the banner and the dialog; records nothing. */
  hide(): void;
  /** The texts of the banner and dialog in the visitor's language, for the receipt's `shownHash`. */
  shownText(): string;
  destroy(): void;
}

const BANNER = { layer: 'banner' } as const;
const FROM_BANNER = { source: 'banner' } as const;

/**
 * The banner, the preferences dialog and the persistent settings button
 * (CONTRACT §9). The banner shows while the core asks for a decision and hides
 * on any decision, wherever it was taken (API, another tab via reload).
 */
export function createUi(core: ConsentCore, { document: doc, language: lang }: UiOptions): Ui {
  const { config } = core;
  const h = createH(doc);
  const t = textsFor(lang, config.texts);
  const root = doc.documentElement.classList;
  const url = config.policyUrl;
  let dead = false;
  // The script may run in <head>, before there is a body to attach to. DOMContentLoaded fires once, so the listener can stay.
  const ready = (fn: () => void) => (doc.body ? fn() : doc.addEventListener('DOMContentLoaded', () => dead || fn()));

  const style = config.injectStyles && h('style', { nonce: config.nonce }, css);
  if (style) doc.head.append(style);

  const settings = h('button', { class: 'ck ck-s', lang, 'data-consent-open': '' }, t.settings);
  // Built when first needed (opened, or a decision digests what was shown): most
  // visitors answer on the banner, and the dialog is the costliest part to build.
  let preferences: ReturnType<typeof createPreferences> | undefined;
  const dialog = () => (preferences ??= createPreferences(core, h, t, lang, settings));
  // Named views of the Preferences tuple; close and reflect have nothing to do before it exists.
  const open = (source: ReceiptSource) => dialog()[1](source);
  const close = () => preferences?.[2]();
  const reflect = () => preferences?.[3]();
  const dismiss = () => core.dismiss(FROM_BANNER);
  // A named <section> is a region, not a modal: the page stays usable (no cookie wall).
  const banner = h(
    'section',
    {
      class: 'ck ck-b',
      'aria-labelledby': 'ck-t',
      lang,
      // A block body: a handler property that returns false cancels the key (Tab included).
      onkeydown(e: KeyboardEvent) {
        if (e.key == 'Escape') dismiss();
      },
    },
    // The title runs into the text, a space apart (see styles.css).
    h('h2', { id: 'ck-t' }, t.title),
    ' ' + t.text.replace('{}', keptFor(config.cookie.maxAgeDays, t)) + ' ',
    url ? h('a', { href: url }, t.policy) : '',
    buttonRow(h, t, core, (decide) => () => decide(FROM_BANNER), [t.customize, () => open('preferences')], [t.dismiss, dismiss]),
  );
  // Taken once, at the first decision, before any status message: the same digest for every decision.
  let shown: string | undefined;

  /** Shows or hides the banner; `show` waits for the body. */
  const toggle = (show: boolean) =>
    ready(() => {
      if (banner.isConnected == show) return;
      // First in the tab order; fixed, so nothing moves (no layout shift).
      if (show) doc.body.prepend(banner);
      else banner.remove();
      root.toggle('ck-on', show);
      core.emit(show ? 'show' : 'hide', BANNER);
    });

  function sync(): void {
    // Also with a decision standing, when the site added a category since. Without
    // one, promptReason() would read the receipt log: web storage stays unopened.
    const ask = !core.get() || !!core.promptReason();
    const hadFocus = banner.contains(doc.activeElement);
    reflect();
    toggle(ask);
    if (ask) settings.remove();
    else if (config.settingsButton)
      ready(() => {
        // Re-appending would blur it.
        if (!settings.isConnected) doc.body.append(settings);
        // Else focus would fall back to the top of the page.
        if (hadFocus) settings.focus();
      });
  }

  const onClick = (e: Event) => {
    if (!(e.target as Element).closest?.('[data-consent-open]')) return;
    e.preventDefault();
    open(core.get() ? 'settings-button' : 'preferences');
  };
  doc.addEventListener('click', onClick);
  const offs = [core.on('consent', sync), core.on('change', sync)];
  sync();

  return {
    show: () => toggle(true),
    showPreferences: () => ready(() => open('preferences')),
    hide() {
      toggle(false);
      close();
    },
    shownText: () => (shown ??= banner.textContent + dialog()[0].textContent),
    destroy() {
      dead = true;
      offs.map((off) => off());
      doc.removeEventListener('click', onClick);
      // Closing takes the dialog out of the page.
      close();
      for (const el of [banner, settings, style]) el && el.remove();
      root.remove('ck-on');
    },
  };
}
