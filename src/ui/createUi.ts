import type { ConsentCore } from '../core/createConsentCore';
import type { ReceiptSource } from '../core/receipt';
import { bannerSentence } from './bannerSentence';
import { buttonRow } from './buttonRow';
import { createH } from './h';
import { createPreferences, type Preferences } from './createPreferences';
import css from './styles.css?raw';
import { BUILT_IN_TEXTS, textsFor, type ResolvedTexts } from './texts';

/** Languages with built-in texts; others can be added through `config.texts`. */
export const BUILT_IN_LANGUAGES = Object.keys(BUILT_IN_TEXTS);

export interface UiOptions {
  /** The page to show the banner, dialog and settings button in. */
  document: Document;
  /** The language chosen for this visitor (see chooseLanguage). */
  language: string;
  /** The visitor's texts, shared with what the core digests. @default textsFor(language, config.texts) */
  texts?: ResolvedTexts;
}

export interface Ui {
  /** Shows the banner (first layer). */
  show(): void;
  /** Opens the preferences dialog. */
  showPreferences(): void;
  /** Hides the banner and the dialog; records nothing. */
  hide(): void;
  destroy(): void;
}

const BANNER = { layer: 'banner' } as const;
const FROM_BANNER = { source: 'banner' } as const;

/**
 * The banner, the preferences dialog and the persistent settings button. The
 * banner shows while the core asks for a decision and hides on any decision,
 * wherever it was taken (API, another tab via reload).
 */
export function createUi(core: ConsentCore, options: UiOptions): Ui {
  const { config } = core;
  const doc = options.document;
  const lang = options.language;
  const h = createH(doc);
  const t = options.texts ?? textsFor(lang, config.texts);
  const root = doc.documentElement.classList;
  let dead = false;
  // The script may run in <head>, before there is a body to attach to. DOMContentLoaded fires once, so the listener can stay.
  const ready = (fn: () => void) => {
    if (doc.body) fn();
    else doc.addEventListener('DOMContentLoaded', () => dead || fn());
  };

  const style = config.injectStyles ? h('style', { nonce: config.nonce }, css) : null;
  if (style) doc.head.append(style);

  const settings = h('button', { class: 'ck ck-s', lang, 'data-consent-open': '' }, t.settings);
  // Built when first opened: most visitors answer on the banner, and the dialog is the costliest part to build.
  let preferences: Preferences | undefined;
  const open = (source: ReceiptSource) => {
    preferences ??= createPreferences(core, h, t, lang, settings);
    preferences.openFrom(source);
  };
  const close = () => preferences?.closeDialog();
  const dismiss = () => core.dismiss(FROM_BANNER);
  // A named <section> is a region, not a modal: the page stays usable (no cookie wall).
  const banner = h(
    'section',
    {
      class: 'ck ck-b',
      'aria-labelledby': 'ck-t',
      lang,
      // A block body: a handler property that returns false cancels the key (Tab included).
      onkeydown(event: KeyboardEvent) {
        if (event.key === 'Escape') dismiss();
      },
    },
    // The title runs into the text, a space apart (see styles.css).
    h('h2', { id: 'ck-t' }, t.title),
    ' ' + bannerSentence(config, t, lang) + ' ',
    config.policyUrl ? h('a', { href: config.policyUrl }, t.policy) : '',
    buttonRow(h, t, core, (decide) => () => decide(FROM_BANNER), [
      { text: t.customize, onClick: () => open('preferences') },
      { text: t.dismiss, onClick: dismiss },
    ]),
  );

  /** Shows or hides the banner; `show` waits for the body. */
  const toggle = (show: boolean) =>
    ready(() => {
      if (banner.isConnected === show) return;
      // First in the tab order; fixed, so nothing moves (no layout shift).
      if (show) doc.body.prepend(banner);
      else banner.remove();
      root.toggle('ck-on', show);
      core.emit(show ? 'show' : 'hide', BANNER);
    });

  function sync(): void {
    // Also with a decision standing, when the site added a category since. Without
    // one, promptReason() would read the receipt log: web storage stays unopened.
    const ask = !core.get() || core.promptReason() !== null;
    const hadFocus = banner.contains(doc.activeElement);
    preferences?.reflect();
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

  const onClick = (event: Event) => {
    if (!(event.target as Element).closest?.('[data-consent-open]')) return;
    event.preventDefault();
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
    destroy() {
      dead = true;
      for (const off of offs) off();
      doc.removeEventListener('click', onClick);
      // Closing takes the dialog out of the page.
      close();
      for (const el of [banner, settings, style, preferences?.status]) el?.remove();
      root.remove('ck-on');
    },
  };
}
