import type { ConsentCore } from '../core/createConsentCore';

/**
 * Stands in for a blocked iframe: one button, named after the service and
 * what it does ("Load Video (accept Marketing cookies)"), that grants the
 * iframe's categories in one click, recorded with source `placeholder`.
 * Text only, never HTML. The iframe is hidden meanwhile.
 */
export function createPlaceholder(core: ConsentCore, iframe: HTMLIFrameElement, need: string[], t: Record<string, string>): HTMLElement {
  const label = (id: string) => core.config.categories.find((c) => c.id == id)?.label ?? t[id] ?? id[0]!.toUpperCase() + id.slice(1);
  const category = need.map(label).join(' + ');
  const button = iframe.ownerDocument.createElement('button');
  button.className = 'ck-ph';
  button.type = 'button';
  button.textContent = t.placeholder!.replace('{service}', iframe.dataset.service || iframe.title || category).replace('{category}', category);
  button.onclick = () => core.save(Object.fromEntries(need.map((id) => [id, true])), { source: 'placeholder' });
  iframe.before(button);
  iframe.hidden = true;
  return button;
}
