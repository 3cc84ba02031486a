import type { ConsentCore } from '../core/createConsentCore';
import { categoryLabel, textsFor } from '../ui/texts';

/**
 * Stands in for a blocked iframe: one button, named after the service and
 * what it does ("Load Video (accept Marketing cookies)"), that grants the
 * iframe's categories in one click, recorded with source `placeholder`.
 * Text only, never HTML. The iframe is hidden meanwhile. Texts and category
 * names are the banner's (src/ui/texts.ts), so one override in `texts`
 * renames a category everywhere.
 */
export function createPlaceholder(core: ConsentCore, iframe: HTMLIFrameElement, need: string[], language: string): HTMLElement {
  const { categories, texts } = core.config;
  const t = textsFor(language, texts);
  const category = need.map((id) => categoryLabel(categories.find((c) => c.id == id) ?? { id, label: null }, t)).join(' + ');
  const button = Object.assign(iframe.ownerDocument.createElement('button'), {
    className: 'ck-ph',
    type: 'button',
    textContent: t.placeholder.replace('{service}', iframe.dataset.service || iframe.title || category).replace('{category}', category),
    onclick: () => core.save(Object.fromEntries(need.map((id) => [id, true])), { source: 'placeholder' }),
  });
  iframe.before(button);
  iframe.hidden = true;
  return button;
}
