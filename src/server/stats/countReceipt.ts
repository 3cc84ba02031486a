import type { Metric } from './statsMetrics';
import { statsLanguage } from './statsLanguage';

/** The fields of a receipt that statistics read: no id, no subject, no time finer than the day. */
export interface ReceiptFacts {
  action?: unknown;
  source?: unknown;
  language?: unknown;
  reason?: unknown;
  gpc?: unknown;
  configVersion?: unknown;
  decisionSeconds?: unknown;
  shownHash?: unknown;
  categories?: unknown;
  services?: unknown;
}

/** The only category a visitor cannot refuse: it is not an opt-in and is not counted. */
const REQUIRED = 'necessary';

const ACTIONS = new Set(['accept-all', 'reject-all', 'dismiss', 'save', 'withdraw']);
const SOURCES = new Set(['banner', 'preferences', 'settings-button', 'placeholder', 'api', 'gpc']);
const REASONS = new Set(['first-visit', 'expired', 'policy-changed', 'new-category', 'subject-erased']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const booleans = (value: unknown): [string, boolean][] =>
  isObject(value) ? Object.entries(value).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean') : [];

/** The configuration version a receipt ran under, or `none`. */
export function versionKey(value: unknown): string {
  return Number.isInteger(value) && (value as number) >= 1 ? String(value) : 'none';
}

/**
 * Counts one receipt into `add`. `previousCategories` is the subject's
 * receipt before it (read only for a withdrawal): a category counts as
 * withdrawn when that receipt granted it and this one refuses it; with no
 * earlier receipt known (null), every category the withdrawal leaves refused.
 * The ledger validated the receipt; this still ignores what it cannot read,
 * so an old or odd row never stops the counting.
 */
export function countReceipt(facts: ReceiptFacts, previousCategories: unknown, add: (metric: Metric, key: string) => void): void {
  const action = typeof facts.action === 'string' && ACTIONS.has(facts.action) ? facts.action : null;
  if (!action) return;
  add('decisions', action);
  if (typeof facts.source === 'string' && SOURCES.has(facts.source)) add('source', facts.source);
  add('language', statsLanguage(facts.language));
  add('reason', typeof facts.reason === 'string' && REASONS.has(facts.reason) ? facts.reason : 'none');
  add('gpc', facts.gpc === true ? 'on' : 'off');
  const version = versionKey(facts.configVersion);
  add('version-decisions', `${version}/${action}`);
  if (typeof facts.shownHash === 'string') add('notice', facts.shownHash);
  const seconds = facts.decisionSeconds;
  if (Number.isInteger(seconds) && (seconds as number) >= 0 && (seconds as number) <= 3600) add('decision-seconds', String(seconds));

  const previous = isObject(previousCategories) ? previousCategories : null;
  for (const [category, granted] of booleans(facts.categories)) {
    if (category === REQUIRED) continue;
    add(granted ? 'granted' : 'refused', category);
    add(granted ? 'version-granted' : 'version-refused', `${version}/${category}`);
    if (action === 'withdraw' && !granted && (previous === null || previous[category] === true)) add('withdrawn', category);
  }
  for (const [service, granted] of booleans(facts.services)) add(granted ? 'service-granted' : 'service-refused', service);
}
