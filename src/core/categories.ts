/** The four categories every site has. */
export const BUILT_IN_CATEGORIES = ['necessary', 'preferences', 'analytics', 'marketing'] as const;

export type BuiltInCategory = (typeof BUILT_IN_CATEGORIES)[number];

/** A built-in id or a site's own category id (lower-case, e.g. `support`). */
export type CategoryId = BuiltInCategory | (string & {});

/** `necessary` is always granted; it is the only one. */
export const NECESSARY: BuiltInCategory = 'necessary';

/** Category ids a site may add: short, lower-case, safe in a cookie and an attribute. */
export const CATEGORY_ID_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** Granted (true) or refused (false), per category id, `necessary` included. */
export type CategoryChoices = Record<string, boolean>;

/** Granted (true) or refused (false), per service id. */
export type ServiceChoices = Record<string, boolean>;

/** Service ids in the consent cookie and in receipts: category ids' form, with room for a `-2` that makes one unique. */
export const SERVICE_ID_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;

/**
 * The id a service gets from its name when the site gives none, and the one
 * a `data-service` attribute is read as: lower case, every run of other
 * characters a dash (`Ad pixel` → `ad-pixel`, `Vidéo` → `vid-o`).
 * A name with nothing left (`統計`) gives `service`.
 */
export function toServiceId(name: string): string {
  const id = name.toLowerCase().replace(/[^a-z0-9_]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32);
  return CATEGORY_ID_PATTERN.test(id) ? id : 'service';
}
