import type { CategoryChoices } from '../core/categories';
import type { Receipt, ReceiptAction, ReceiptSource } from '../core/receipt';
import { canonicalJson } from './canonicalJson';
import { LEGACY_SHOWN_HASH_PATTERN, NOTICE_HASH_PATTERN } from './proof/notice';
import { STATS_FIELDS, checkStatsFields } from './stats/checkStatsFields';
import type { LedgerEntry, LedgerFlag } from './types';

// Kept here rather than imported as values: the ledger validates on its own
// terms and must not change because a browser-side list did.
const ACTIONS: readonly ReceiptAction[] = ['accept-all', 'reject-all', 'dismiss', 'save', 'withdraw'];
const SOURCES: readonly ReceiptSource[] = ['banner', 'preferences', 'api', 'gpc', 'settings-button', 'placeholder'];
// 'subject-erased': the SDK's first receipt under a fresh subject after the ledger refused its old, erased one.
const REASONS = ['first-visit', 'expired', 'policy-changed', 'new-category', 'subject-erased'];
const BUILT_IN = ['necessary', 'preferences', 'analytics', 'marketing'];
const KNOWN = new Set(['id', 'subject', 'timestamp', 'action', 'source', 'categories', 'services', 'policy', 'language', 'previous', 'shownHash', 'gpc', 'reason', ...STATS_FIELDS]);

/** nanoid's default alphabet and length: 126 random bits. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{21}$/;
const CATEGORY_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;
const LANGUAGE_PATTERN = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$/;
const EXTRA_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
const MAX_CATEGORIES = 32;
/** A service id: a category id's form, with room for the `-2` the SDK adds to make a taken one unique. */
const SERVICE_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;
const MAX_SERVICES = 64;
const MAX_EXTRA_FIELDS = 8;
const MAX_EXTRA_CHARS = 1024;

export interface ReceiptRules {
  /** Server time, ms since epoch. */
  now: number;
  /** A timestamp further ahead of `now` is stored flagged `clock-skew` (browser clocks drift). */
  maxSkewMs: number;
  /** A timestamp further behind `now` is stored flagged `clock-skew` (the SDK may deliver late, but not this late). */
  maxLagMs: number;
}

export interface FieldError {
  field: string;
  message: string;
}

export type ValidatedReceipt = { ok: true; entry: LedgerEntry } | { ok: false; errors: FieldError[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** Checks one receipt against the receipt format (docs/ledger.md, POST), trusting nothing the client sent. */
export function validateReceipt(value: unknown, rules: ReceiptRules): ValidatedReceipt {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => void errors.push({ field, message });
  if (!isObject(value)) return { ok: false, errors: [{ field: '', message: 'must be an object' }] };
  const r = value;

  if (typeof r.id !== 'string' || !ID_PATTERN.test(r.id)) fail('id', 'must be 21 characters of A-Z a-z 0-9 _ -');
  if (typeof r.subject !== 'string' || !ID_PATTERN.test(r.subject)) fail('subject', 'must be 21 characters of A-Z a-z 0-9 _ -');
  const skewed = checkTimestamp(r.timestamp, rules, fail);
  if (!ACTIONS.includes(r.action as ReceiptAction)) fail('action', 'must be one of ' + ACTIONS.join(', '));
  if (!SOURCES.includes(r.source as ReceiptSource)) fail('source', 'must be one of ' + SOURCES.join(', '));
  checkCategories(r.categories, fail);
  // Optional: receipts of SDKs from before service-level consent have none.
  if ('services' in r) checkServices(r.services, fail);
  checkPolicy(r.policy, fail);
  if (typeof r.language !== 'string' || !LANGUAGE_PATTERN.test(r.language)) fail('language', 'must be a language tag such as "fr" or "en-GB"');
  if (r.previous !== null && (typeof r.previous !== 'string' || !ID_PATTERN.test(r.previous))) fail('previous', 'must be a receipt id or null');
  // An archived notice's "sha256:…" hash, or the 64-bit digest of SDKs from before the notice archive (accepted for ever).
  if (typeof r.shownHash !== 'string' || !(NOTICE_HASH_PATTERN.test(r.shownHash) || LEGACY_SHOWN_HASH_PATTERN.test(r.shownHash))) {
    fail('shownHash', 'must be "sha256:" and 64 lower-case hex digits, or a 16-hex-digit digest');
  }
  if (typeof r.gpc !== 'boolean') fail('gpc', 'must be a boolean');
  if ('reason' in r && !REASONS.includes(r.reason as string)) fail('reason', 'must be one of ' + REASONS.join(', '));
  checkStatsFields(r, fail);
  checkExtras(r, fail);

  if (errors.length) return { ok: false, errors };
  const receipt = r as unknown as Receipt;
  const flags: LedgerFlag[] = skewed ? ['clock-skew'] : [];
  return { ok: true, entry: { id: receipt.id, subject: receipt.subject, timestamp: receipt.timestamp, previous: receipt.previous, body: canonicalJson(r), flags } };
}

type Fail = (field: string, message: string) => void;

/**
 * The form is checked; the instant is not judged: a receipt from a browser
 * whose clock is off is still proof, so it is stored and flagged (true), and
 * ordered by the ledger's receive time, never by this value.
 */
function checkTimestamp(value: unknown, rules: ReceiptRules, fail: Fail): boolean {
  const time = typeof value === 'string' && value.length === 24 ? Date.parse(value) : NaN;
  // Only the exact form Date#toISOString gives: one spelling per instant (years 0000 to 9999).
  if (Number.isNaN(time) || new Date(time).toISOString() !== value) {
    fail('timestamp', 'must be an ISO 8601 UTC time such as 2026-11-29T16:00:00.000Z');
    return false;
  }
  return time > rules.now + rules.maxSkewMs || time < rules.now - rules.maxLagMs;
}

function checkCategories(value: unknown, fail: Fail): void {
  if (!isObject(value)) return fail('categories', 'must be an object of category id → boolean');
  const ids = Object.keys(value);
  if (ids.length > MAX_CATEGORIES) return fail('categories', `must have at most ${MAX_CATEGORIES} categories`);
  for (const id of ids) {
    if (!CATEGORY_PATTERN.test(id)) fail(`categories.${id.slice(0, 40)}`, 'is not a valid category id');
    else if (typeof value[id] !== 'boolean') fail(`categories.${id}`, 'must be a boolean');
  }
  for (const id of BUILT_IN) if (!(id in value)) fail(`categories.${id}`, 'is missing');
  if ((value as CategoryChoices).necessary !== true) fail('categories.necessary', 'must be true');
}

function checkServices(value: unknown, fail: Fail): void {
  if (!isObject(value)) return fail('services', 'must be an object of service id → boolean');
  const ids = Object.keys(value);
  if (ids.length > MAX_SERVICES) return fail('services', `must have at most ${MAX_SERVICES} services`);
  for (const id of ids) {
    if (!SERVICE_PATTERN.test(id)) fail(`services.${id.slice(0, 40)}`, 'is not a valid service id');
    else if (typeof value[id] !== 'boolean') fail(`services.${id}`, 'must be a boolean');
  }
}

function checkPolicy(value: unknown, fail: Fail): void {
  if (!isObject(value)) return fail('policy', 'must be an object { version, url }');
  if (!isString(value.version, 64)) fail('policy.version', 'must be a string of 1 to 64 characters');
  if (value.url !== null && !isString(value.url, 2048)) fail('policy.url', 'must be a string of at most 2048 characters or null');
  for (const key of Object.keys(value)) if (key !== 'version' && key !== 'url') fail(`policy.${key.slice(0, 40)}`, 'is not allowed');
}

/** Fields added by later SDK versions are kept, within bounds, so a newer client is not turned away. */
function checkExtras(r: Record<string, unknown>, fail: Fail): void {
  const extras = Object.keys(r).filter((key) => !KNOWN.has(key));
  if (extras.length > MAX_EXTRA_FIELDS) return fail('', `has more than ${MAX_EXTRA_FIELDS} unknown fields`);
  for (const key of extras) {
    if (!EXTRA_KEY_PATTERN.test(key)) fail(key.slice(0, 40), 'is not a valid field name');
    else if (canonicalJson(r[key]).length > MAX_EXTRA_CHARS) fail(key, `is longer than ${MAX_EXTRA_CHARS} characters as JSON`);
  }
}
