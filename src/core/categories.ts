/** The four categories every site has. */
export const BUILT_IN_CATEGORIES = ['necessary', 'preferences', 'analytics', 'marketing'] as const;

export type BuiltInCategory = (typeof BUILT_IN_CATEGORIES)[number];

/** A built-in id or a site's own category id (lower-case, e.g. `support`). */
export type CategoryId = BuiltInCategory | (string & {});

/** `necessary` is always granted; it is the only one. */
export const NECESSARY: BuiltInCategory = 'necessary';

/** Category ids a site may add: short, lower-case, safe in a cookie and an attribute. */
export const CATEGORY_ID_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** Categories a site may have, the four built-in ones included: the ledger refuses a receipt with more choices than that. */
export const MAX_CATEGORIES = 32;

/** Granted (true) or refused (false), per category id, `necessary` included. */
export type CategoryChoices = Record<string, boolean>;

/** Granted (true) or refused (false), per service id. */
export type ServiceChoices = Record<string, boolean>;
