import type { ResolvedTexts } from './Texts';

/** A category's name for the visitor: the site's label, else the text keyed by its id, else the id itself. */
export function categoryLabel(category: { id: string; label: string | null }, t: ResolvedTexts): string {
  return category.label ?? t[category.id] ?? category.id;
}
