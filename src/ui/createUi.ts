import type { ConsentCore } from '../core/createConsentCore';
import { button, createH } from './h';
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
const OPEN = '[data-consent-open]';

/**
 * The banner, the preferences dialog and the persistent settings button
 * (CONTRACT §9). The banner shows while the core asks for a decision and hides
 * on any decision, wherever it was taken (API, another tab via reload).
 */
export function createUi(core: ConsentCore, { document: doc, language: lang }: UiOptions): Ui {
  const { config } = core;
  const h = createH(doc);
  const t = textsFor(lang, config.texts);
  const root = doc.documentElement;
  const url = config.policyUrl;
  let dead = false;
  // The script may run in <head>, before there is a body to attach to.
  const ready = (fn: () => void) => (doc.body ? fn() : doc.addEventListener('DOMContentLoaded', () => dead || fn(), { once: true }));

  const style = config.injectStyles && h('style', { nonce: config.nonce }, css);
  if (style) doc.head.append(style);

  const settings = h('button', { class: 'ck ck-s', lang, 'data-consent-open': '' }, t.settings);
  const prefs = createPreferences(core, doc, h, t, lang, () => settings);
  const dismiss = () => core.dismiss(FROM_BANNER);
  // A block body: a handler property that returns false cancels the key (Tab included).
  const onkeydown = (e: KeyboardEvent) => {
    if (e.key == 'Escape') dismiss();
  };
  // A named <section> is a region, not a modal: the page stays usable (no cookie wall). Accept and Reject look alike.
  const banner = h(
    'section',
    { class: 'ck ck-b', 'aria-label': t.title, lang, onkeydown },
    h('p', {}, t.text.replace('{}', keptFor(config.cookie.maxAgeDays, t)), ' ', url ? h('a', { href: url }, t.policy) : ''),
    h(
      'div',
      { class: 'ck-r' },
      button(h, t.acceptAll, () => core.acceptAll(FROM_BANNER), 'ck-p'),
      button(h, t.rejectAll, () => core.rejectAll(FROM_BANNER), 'ck-p'),
      button(h, t.customize, () => prefs.open('preferences')),
      button(h, t.dismiss, dismiss),
    ),
  );
  // Taken before any status message, so the digest is the same for every decision.
  const shown = banner.textContent + prefs.el.textContent;

  function showBanner(): void {
    ready(() => {
      if (banner.isConnected) return;
      // First in the tab order; fixed, so nothing moves (no layout shift).
      doc.body.prepend(banner);
      root.classList.add('ck-on');
      core.emit('show', BANNER);
    });
  }

  function hideBanner(): void {
    if (!banner.isConnected) return;
    banner.remove();
    root.classList.remove('ck-on');
    core.emit('hide', BANNER);
  }

  function sync(): void {
    prefs.reflect();
    if (!core.get()) {
      settings.remove();
      return showBanner();
    }
    const hadFocus = banner.contains(doc.activeElement);
    hideBanner();
    if (config.settingsButton)
      ready(() => {
        // Re-appending would blur it.
        if (!settings.isConnected) doc.body.append(settings);
        // Else focus would fall back to the top of the page.
        if (hadFocus) settings.focus();
      });
  }

  const onClick = (e: Event) => {
    if (!(e.target as Element).closest?.(OPEN)) return;
    e.preventDefault();
    prefs.open(core.get() ? 'settings-button' : 'preferences');
  };
  doc.addEventListener('click', onClick);
  const offs = [core.on('consent', sync), core.on('change', sync)];
  sync();

  return {
    show: showBanner,
    showPreferences: () => ready(() => prefs.open('preferences')),
    hide() {
      hideBanner();
      prefs.close();
    },
    shownText: () => shown,
    destroy() {
      dead = true;
      offs.map((off) => off());
      doc.removeEventListener('click', onClick);
      prefs.close();
      for (const el of [banner, prefs.el, settings, style]) el && el.remove();
      root.classList.remove('ck-on');
    },
  };
}
