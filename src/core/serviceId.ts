import { CATEGORY_ID_PATTERN } from './categories';

/** Service ids in the consent cookie and in receipts: category ids' form, with room for a `-2` that makes one unique. */
export const SERVICE_ID_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;

/** Services a site may list, all categories together: the ledger refuses a receipt with more choices than that. */
export const MAX_SERVICES = 64;

/**
 * The id a service gets from its name when the site gives none, and the one
 * a `data-service` attribute is read as: lower case, every run of other
 * characters a dash (`Ad pixel` → `ad-pixel`), accents dropped first
 * (`Vidéo` → `video`), so that an accented name reads as itself. Letters
 * with no decomposition (ł, ß) count as other characters. A name with
 * nothing left (`統計`) gives `service`.
 */
export function toServiceId(name: string): string {
  // NFD splits é into e and a combining accent (U+0300–U+036F).
  const unaccented = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const id = unaccented.toLowerCase().replace(/[^a-z0-9_]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32);
  return CATEGORY_ID_PATTERN.test(id) ? id : 'service';
}
