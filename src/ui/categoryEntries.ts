import type { ResolvedCategory, ResolvedConfig } from '../core/normalizeConfig';
import { categoryLabel, type ResolvedTexts } from './texts';

/** One line of a service's details: "Provider" and `stats.example`. */
export interface ServiceDetail {
  term: string;
  value: string;
}

/** A service as the dialog lists it: its id, its name (its switch's accessible name) and the details the site gave. */
export interface ServiceEntry {
  id: string;
  name: string;
  details: ServiceDetail[];
}

/** A category as the dialog shows it, in the visitor's language. */
export interface CategoryEntry {
  category: ResolvedCategory;
  /** The switch's accessible name. */
  label: string;
  /** The sentence under the label; '' when there is none. */
  description: string;
  services: ServiceEntry[];
}

const DETAIL_KEYS = ['provider', 'purpose', 'duration', 'cookies'] as const;

/**
 * What the preferences dialog says about each category, as data: the dialog
 * renders it, and the receipt's digest is computed from it without a DOM.
 */
export function categoryEntries(config: ResolvedConfig, t: ResolvedTexts): CategoryEntry[] {
  return config.categories.map((category) => ({
    category,
    label: categoryLabel(category, t),
    description: category.description ?? t[category.id + 'Text'] ?? '',
    services: category.services.map((service) => ({
      id: service.id,
      name: service.name,
      details: DETAIL_KEYS.flatMap((key) => {
        // A cookie list is joined; a single text passes through; a missing one is left out.
        const value = [service[key] ?? []].flat().join(', ');
        return value === '' ? [] : [{ term: t[key], value }];
      }),
    })),
  }));
}
