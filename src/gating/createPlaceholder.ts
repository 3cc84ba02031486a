import type { ConsentCore } from '../core/createConsentCore';

/**
 * The placeholder's texts; `{service}` and `{category}` are filled in.
 * Category labels share the banner's keys (`analytics`, `marketing`, …), so
 * one override in `texts` renames a category everywhere. English needs none:
 * its built-in labels are the capitalised ids.
 */
const TEXTS: Record<string, Record<string, string>> = {
  en: { placeholder: 'Load {service} (accept {category} cookies)' },
  fr: { placeholder: 'Charger {service} (accepter les cookies {category})', preferences: 'Préférences', analytics: 'Mesure d’audience' },
};

/**
 * Stands in for a blocked iframe: one button, named after the service and
 * what it does ("Load Video (accept Marketing cookies)"), that grants the
 * iframe's categories in one click, recorded with source `placeholder`.
 * Text only, never HTML. The iframe is hidden meanwhile. Texts: the site's
 * overrides, then the built-in language, then English.
 */
export function createPlaceholder(core: ConsentCore, iframe: HTMLIFrameElement, need: string[], language: string): HTMLElement {
  const { categories, texts } = core.config;
  const t = { ...TEXTS.en, ...TEXTS[language], ...texts[language] };
  const category = need.map((id) => categories.find((c) => c.id == id)?.label ?? t[id] ?? id[0]!.toUpperCase() + id.slice(1)).join(' + ');
  const button = Object.assign(iframe.ownerDocument.createElement('button'), {
    className: 'ck-ph',
    type: 'button',
    textContent: t.placeholder!.replace('{service}', iframe.dataset.service || iframe.title || category).replace('{category}', category),
    onclick: () => core.save(Object.fromEntries(need.map((id) => [id, true])), { source: 'placeholder' }),
  });
  iframe.before(button);
  iframe.hidden = true;
  return button;
}
