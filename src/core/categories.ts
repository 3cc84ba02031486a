/** The four categories every site has (CONTRACT §1). */
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

/** Every optional category refused: the state before any choice (opt-in, no pre-ticked box). */
export function refuseAll(ids: readonly CategoryId[]): CategoryChoices {
  const choices: CategoryChoices = {};
  for (const id of ids) choices[id] = id === NECESSARY;
  return choices;
}

/** Every category granted. */
export function grantAll(ids: readonly CategoryId[]): CategoryChoices {
  const choices: CategoryChoices = {};
  for (const id of ids) choices[id] = true;
  return choices;
}
