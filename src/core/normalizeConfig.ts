import { BUILT_IN_CATEGORIES, CATEGORY_ID_PATTERN, MAX_CATEGORIES, type CategoryId } from './categories';
import { LANGUAGE_TAG } from './chooseLanguage';
import { MAX_SERVICES, toServiceId } from './serviceId';
import type { ConsentModeOptions, Plugin, ServiceConfig, TextOverrides } from './config';

/** A service with the id it goes by, unique across the site. */
export type ResolvedService = ServiceConfig & { id: string };

/** A category with everything the UI and the gating need. */
export interface ResolvedCategory {
  id: CategoryId;
  /** Only `necessary`. */
  required: boolean;
  /** From config; null means the built-in text for the page's language. */
  label: string | null;
  description: string | null;
  services: ResolvedService[];
}

/** The configuration with every default filled in and every faulty part replaced by its safe default. */
export interface ResolvedConfig {
  endpoint: string | null;
  policyVersion: string;
  policyUrl: string | null;
  language: string;
  /** The four built-ins first (necessary, preferences, analytics, marketing), then the site's own. */
  categories: ResolvedCategory[];
  texts: TextOverrides;
  consentMode: Required<ConsentModeOptions> | null;
  gpc: 'respect' | 'ignore';
  settingsButton: boolean;
  cookie: { name: string; domain: string | null; maxAgeDays: number };
  nonce: string | null;
  injectStyles: boolean;
  blocking: Record<string, CategoryId>;
  reloadOnWithdraw: boolean;
  plugins: Plugin[];
  /** Absent: a static config, not a published console version. */
  configVersion?: number;
  /** Absent: false. */
  countImpressions?: boolean;
}

export const DEFAULT_MAX_AGE_DAYS = 182;
/** 13 months: the CNIL's upper bound for a consent cookie's lifetime. */
export const MAX_AGE_DAYS_LIMIT = 395;

type Obj = Record<string, unknown>;
// `any` on purpose: a check sees anything, and each store is written for the
// values its own check lets through; one table cannot type that per entry.
type Check = (value: any, key?: any) => unknown;
/**
 * One config key: what a valid value looks like, what the site owner is told
 * otherwise, the safe default, and how to resolve the value (or the default).
 */
interface Entry {
  check: Check;
  expected: string;
  /** @default undefined: the key stays absent */
  fallback?: unknown;
  /** @default the value as it is */
  store?: (value: any, path: string) => unknown;
}
type Spec = Record<string, Entry>;

/** A plain object: not null, not an array (shared with the script-tag reader). */
export const isObject = (v: unknown): v is Obj => typeof v === 'object' && !!v && !Array.isArray(v);
const text = (max: number, pattern = /(?:)/): Check => (v) => typeof v === 'string' && v.length <= max && pattern.test(v);
const listOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const nonEmpty = text(200, /./);
const STRING: Entry = { check: text(1000), expected: 'a string' };
const BOOLEAN: Entry = { check: (v) => typeof v === 'boolean', expected: 'true or false' };
const NAMES: Entry = { check: listOf((c) => nonEmpty(c) || c instanceof RegExp), expected: 'a list of names' };
const HOST = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i;

/**
 * Validates a configuration. Never throws: each problem becomes
 * one message in `errors`, naming the key, and the faulty part falls back to
 * its safe default, which never grants anything optional.
 */
export function normalizeConfig(input: unknown): { config: ResolvedConfig; errors: string[] } {
  const errors: string[] = [];
  /** Reports a faulty value; returns false, so that `check(value) || fault(…)` reads as "valid, or reported". */
  const fault = (path: string, expected: string): false => {
    errors.push(`"${path}" must be ${expected}; ignored`);
    return false;
  };
  let categories: ResolvedCategory[];

  /** Each key of `spec` from `given`, or its default; unknown keys of `given` reported last. */
  const resolve = (given: Obj, spec: Spec, path: string) => {
    const out: Obj = {};
    for (const [key, { check, expected, fallback, store = (v: unknown) => v }] of Object.entries(spec)) {
      const value = given[key];
      const at = path + key;
      const resolved = store(value !== undefined && (check(value) || fault(at, expected)) ? value : fallback, at);
      // Only a service's optional fields, configVersion and countImpressions have no default: they stay absent.
      if (resolved !== undefined) out[key] = resolved;
    }
    for (const key of Object.keys(given)) if (!spec.hasOwnProperty(key)) errors.push(`unknown key "${path}${key}"; ignored`);
    return out;
  };
  /** The entries of a map or list that `check` accepts; the others are reported. */
  const entries = (given: object, path: string, check: Check, expected: string) =>
    Object.entries(given).filter(([key, value]) => check(value, key) || fault(Array.isArray(given) ? `${path}[${key}]` : `${path}.${key}`, expected));
  const map = (store: (entries: [string, any][]) => unknown, check: Check, expected: string): Entry => ({
    check: isObject,
    expected: 'an object',
    fallback: {},
    store: (v, at) => store(entries(v, at, check, expected)),
  });

  const SERVICE: Spec = { name: STRING, id: { check: text(32, CATEGORY_ID_PATTERN), expected: 'a lower-case id' }, provider: STRING, purpose: STRING, duration: STRING, cookies: NAMES, storage: NAMES };
  const CATEGORY: Spec = {
    label: { ...STRING, fallback: null },
    description: { ...STRING, fallback: null },
    services: {
      check: Array.isArray,
      expected: 'an array',
      fallback: [],
      store: (list, at) => entries(list, at, (s) => isObject(s) && nonEmpty(s.name), 'an object with a "name"').map(([i, s]) => resolve(s, SERVICE, `${at}[${i}].`)),
    },
  };
  const TOP: Spec = {
    // First: `blocking` may name a site's own category.
    categories: map(
      (own) => {
        const given = Object.fromEntries(own);
        const ids = [...new Set([...BUILT_IN_CATEGORIES, ...Object.keys(given)])];
        // Past the ledger's limits every receipt would be refused: the categories and services after them are left out, and said so once.
        if (ids.length > MAX_CATEGORIES) fault('categories', `at most ${MAX_CATEGORIES} categories, the built-in ones included`);
        categories = ids.slice(0, MAX_CATEGORIES).map((id) => ({
          id,
          required: id === 'necessary',
          ...resolve(given[id] ?? {}, CATEGORY, `categories.${id}.`),
        })) as ResolvedCategory[];
        let listed = 0;
        for (const category of categories) category.services = category.services.filter(() => ++listed <= MAX_SERVICES);
        if (listed > MAX_SERVICES) fault('categories', `at most ${MAX_SERVICES} services in all`);
        // One namespace for categories and services: has('youtube') must mean one thing.
        const taken: string[] = categories.map((c) => c.id);
        for (const service of categories.flatMap((c) => c.services)) {
          const wanted = service.id ?? toServiceId(service.name);
          let id = wanted;
          for (let n = 2; taken.includes(id); n++) id = `${wanted}-${n}`;
          taken.push((service.id = id));
        }
        return categories;
      },
      (e, id) => CATEGORY_ID_PATTERN.test(id) && isObject(e),
      'an object under a lower-case id',
    ),
    endpoint: { check: text(500, /^(https?:\/\/[^\s/?#]+)?(\/[^\s?#]*)?$/), expected: 'a path or an http(s) URL', fallback: null, store: (v: string | null) => v && v.replace(/\/+$/, '') },
    // The ledger's limit: a longer version would have every receipt refused.
    policyVersion: { check: text(64, /\S/), expected: 'a non-empty string of at most 64 characters', fallback: '1', store: (v) => v.trim() },
    policyUrl: { check: text(500, /^(?!\s*(javascript|data|vbscript):)/i), expected: 'a URL', fallback: null },
    language: { check: (v) => v === 'auto' || text(64, LANGUAGE_TAG)(v), expected: '"auto" or a language tag', fallback: 'auto' },
    // Under a language tag: the language chosen is one the texts have, and the receipt names it.
    texts: map(Object.fromEntries, (e, language) => LANGUAGE_TAG.test(language) && isObject(e) && Object.values(e).every(text(2000)), 'an object of strings under a language tag'),
    consentMode: {
      check: (v) => typeof v === 'boolean' || isObject(v),
      expected: 'true, false or an object',
      fallback: null,
      // `true` has no keys: every option takes its default.
      store: (v, at) =>
        v
          ? resolve(
              v,
              {
                waitForUpdate: { check: (v) => typeof v === 'number' && v >= 0 && v <= 10_000, expected: '0 to 10000 ms', fallback: 500 },
                region: { check: listOf(text(10)), expected: 'a list of regions', fallback: [] },
                adsDataRedaction: { ...BOOLEAN, fallback: false },
                urlPassthrough: { ...BOOLEAN, fallback: false },
              },
              at + '.',
            )
          : null,
    },
    gpc: { check: (v) => v === 'respect' || v === 'ignore', expected: '"respect" or "ignore"', fallback: 'respect' },
    settingsButton: { ...BOOLEAN, fallback: true },
    cookie: {
      check: isObject,
      expected: 'an object',
      fallback: {},
      store: (v, at) =>
        resolve(
          v,
          {
            name: { check: text(64, /^[\w!#$%&'*+.^`|~-]+$/), expected: 'a cookie name', fallback: 'consentkit' },
            domain: { check: text(253, /^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i), expected: 'a domain', fallback: null },
            maxAgeDays: { check: (v) => typeof v === 'number' && v > 0 && v <= MAX_AGE_DAYS_LIMIT, expected: `1 to ${MAX_AGE_DAYS_LIMIT} days`, fallback: DEFAULT_MAX_AGE_DAYS },
          },
          at + '.',
        ),
    },
    nonce: { check: text(200, /^[\w+/=-]+$/), expected: 'a nonce', fallback: null },
    injectStyles: { ...BOOLEAN, fallback: true },
    blocking: map(
      (own) => Object.fromEntries(own.map(([host, id]) => [host.toLowerCase(), id])),
      (id, host) => HOST.test(host) && categories.some((c) => c.id === id),
      'a known category under a host name',
    ),
    reloadOnWithdraw: { ...BOOLEAN, fallback: true },
    plugins: { check: listOf((p) => isObject(p) && typeof p.name === 'string' && typeof p.setup === 'function'), expected: 'a list of plugins', fallback: [] },
    configVersion: { check: (v) => Number.isSafeInteger(v) && v > 0, expected: 'a whole number from 1' },
    countImpressions: BOOLEAN,
  };

  if (input !== undefined && !isObject(input)) fault('config', 'an object');
  const given = isObject(input) ? input : {};
  return { config: resolve(given, TOP, '') as unknown as ResolvedConfig, errors };
}
