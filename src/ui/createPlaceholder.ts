import type { ResolvedConfig } from '../core/normalizeConfig';
import type { PlaceholderBuilder } from '../gating/placeholder';
import { createH } from './h';
import { categoryLabel, type ResolvedTexts } from './texts';

/**
 * The placeholder of a blocked iframe: one button, named after the service
 * and what it does ("Load Video (accept Marketing cookies)"), that grants the
 * iframe's categories in one click. Text only, never HTML. Texts and category
 * names are the banner's, so one override in `texts` renames a category
 * everywhere. Styled by the `.ck-ph` class.
 */
export function createPlaceholder(doc: Document, config: ResolvedConfig, t: ResolvedTexts): PlaceholderBuilder {
  const h = createH(doc);
  return ({ service, categories, grant }) => {
    const category = categories.map((id) => categoryLabel(config.categories.find((c) => c.id === id) ?? { id, label: null }, t)).join(' + ');
    return h('button', { class: 'ck-ph', type: 'button', onclick: grant }, t.placeholder.replace('{service}', service ?? category).replace('{category}', category));
  };
}
