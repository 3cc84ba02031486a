import { BUILT_IN_CATEGORIES, CATEGORY_ID_PATTERN, type CategoryId } from './categories';
import type { ConsentModeOptions, Plugin, ServiceConfig, TextOverrides } from './config';

/** A category with everything the UI and the gating need. */
export interface ResolvedCategory {
  id: CategoryId;
  /** Only `necessary`. */
  required: boolean;
  /** From config; null means the built-in text for the page's language. */
  label: string | null;
  description: string | null;
  services: ServiceConfig[];
}

/** The configuration with every default filled in and every faulty part replaced by its safe default. */
export interface ResolvedConfig {
  endpoint: string | null;
  policyVersion: string;
  policyUrl: string | null;
  language: string;
  /** Built-ins first, in CONTRACT order, then the site's own. */
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
}

export const DEFAULT_MAX_AGE_DAYS = 182;
/** 13 months: the CNIL's upper bound for a consent cookie's lifetime. */
export const MAX_AGE_DAYS_LIMIT = 395;

type Check = (value: unknown) => boolean;
type Obj = Record<string, unknown>;
/** What a valid value looks like, how to say so, and what to store (default: the value). */
type Rule = [check: Check, expected: string, store?: (value: never, path: string) => unknown];

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (max: number, pattern = /(?:)/): Check => (v) => typeof v === 'string' && v.length <= max && pattern.test(v);
const listOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const nonEmpty = text(200, /./);
const A_STRING: Rule = [text(1000), 'a string'];
const A_BOOLEAN: Rule = [(v) => typeof v === 'boolean', 'true or false'];
const NAMES: Rule = [listOf((c) => nonEmpty(c) || c instanceof RegExp), 'names, "*" globs or RegExps'];

/** A path (`/api/consent`) or an http(s) URL, nothing else (no `javascript:`, no spaces). */
const ENDPOINT = /^(https?:\/\/[^\s/?#]+)?(\/[^\s?#]*)?$/;
const HOST = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i;

/**
 * Validates a configuration (CONTRACT §2). Never throws: each problem becomes
 * one message in `errors`, naming the key, and the faulty part falls back to
 * its safe default, which never grants anything optional.
 */
export function normalizeConfig(input: unknown): { config: ResolvedConfig; errors: string[] } {
  const errors: string[] = [];
  const fault = (path: string, expected: string) => !errors.push(`"${path}" must be ${expected}; ignored`);
  const categories: ResolvedCategory[] = BUILT_IN_CATEGORIES.map((id) => ({ id, required: id == 'necessary', label: null, description: null, services: [] }));
  const config: ResolvedConfig = {
    endpoint: null,
    policyVersion: '1',
    policyUrl: null,
    language: 'auto',
    categories,
    texts: {},
    consentMode: null,
    gpc: 'respect',
    settingsButton: true,
    cookie: { name: 'consentkit', domain: null, maxAgeDays: DEFAULT_MAX_AGE_DAYS },
    nonce: null,
    injectStyles: true,
    blocking: {},
    reloadOnWithdraw: true,
    plugins: [],
  };

  /** Copies each valid field of `given` onto `target`; reports unknown and faulty ones. */
  const fields = (given: Obj, rules: Record<string, Rule>, target: object, path: string) => {
    // Categories first: `blocking` may name a site's own category.
    for (const key of Object.keys(given).sort((a) => (a == 'categories' ? -1 : 0))) {
      const rule = rules[key];
      const value = given[key];
      if (!rule) errors.push(`unknown config key "${path}${key}"; ignored`);
      else if (value !== undefined && (rule[0](value) || fault(path + key, rule[1]))) {
        (target as Obj)[key] = rule[2] ? rule[2](value as never, path + key) : value;
      }
    }
  };
  /** A map keyed by ids: each entry validated by `each`, faulty ones reported and skipped. */
  const each = (map: Obj, path: string, check: Check, expected: string, apply: (key: string, value: never) => void) => {
    for (const [key, value] of Object.entries(map)) if (check(value) || fault(`${path}.${key}`, expected)) apply(key, value as never);
  };

  const SERVICE: Record<string, Rule> = { name: [nonEmpty, 'a string'], provider: A_STRING, purpose: A_STRING, duration: A_STRING, cookies: NAMES, storage: NAMES };
  const CATEGORY: Record<string, Rule> = {
    label: A_STRING,
    description: A_STRING,
    services: [
      Array.isArray,
      'an array',
      (list: unknown[], path) =>
        list.flatMap((service, i) => {
          const found = {};
          if (isObject(service) && nonEmpty(service.name)) fields(service, SERVICE, found, `${path}[${i}].`);
          else return fault(`${path}[${i}]`, 'an object with a "name"') && [];
          return [found];
        }),
    ],
  };
  const CONSENT_MODE: Record<string, Rule> = {
    waitForUpdate: [(v) => typeof v == 'number' && v >= 0 && v <= 10_000, '0 to 10000 ms'],
    region: [listOf(text(10)), 'region codes'],
    adsDataRedaction: A_BOOLEAN,
    urlPassthrough: A_BOOLEAN,
  };
  const COOKIE: Record<string, Rule> = {
    name: [text(64, /^[\w!#$%&'*+.^`|~-]+$/), 'a cookie name'],
    domain: [text(253, /^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i), 'a domain like ".example.com"'],
    maxAgeDays: [(v) => typeof v == 'number' && v > 0 && v <= MAX_AGE_DAYS_LIMIT, `from 1 to ${MAX_AGE_DAYS_LIMIT} days (13 months)`],
  };
  const TOP: Record<string, Rule> = {
    endpoint: [text(500, ENDPOINT), 'a path like "/api/consent" or an http(s) URL', (v: string) => v.replace(/\/+$/, '')],
    policyVersion: [text(100, /\S/), 'a non-empty string', (v: string) => v.trim()],
    policyUrl: [text(500, /^(?!\s*(javascript|data|vbscript):)/i), 'a URL'],
    language: [text(35, /^(auto|[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$/), '"auto" or a language tag such as "fr"'],
    gpc: [(v) => v == 'respect' || v == 'ignore', '"respect" or "ignore"'],
    nonce: [text(200, /^[\w+/=-]+$/), 'a base64 nonce'],
    settingsButton: A_BOOLEAN,
    injectStyles: A_BOOLEAN,
    reloadOnWithdraw: A_BOOLEAN,
    plugins: [listOf((p) => isObject(p) && typeof p.name == 'string' && typeof p.setup == 'function'), 'an array of { name, setup(kit) }'],
    cookie: [isObject, 'an object', (v: Obj) => (fields(v, COOKIE, config.cookie, 'cookie.'), config.cookie)],
    consentMode: [
      (v) => typeof v == 'boolean' || isObject(v),
      'true, false or an options object',
      (v: boolean | Obj) => {
        const options = { waitForUpdate: 500, region: [], adsDataRedaction: false, urlPassthrough: false };
        if (isObject(v)) fields(v, CONSENT_MODE, options, 'consentMode.');
        return v ? options : null;
      },
    ],
    texts: [
      isObject,
      'an object keyed by language',
      (v: Obj) => {
        const texts: TextOverrides = {};
        each(v, 'texts', (e) => isObject(e) && Object.values(e).every(text(2000)), 'an object of strings', (language, own: Record<string, string>) => (texts[language] = own));
        return texts;
      },
    ],
    categories: [
      isObject,
      'an object keyed by category id',
      (v: Obj) => {
        for (const [id, entry] of Object.entries(v)) {
          const path = `categories.${id}`;
          if (!CATEGORY_ID_PATTERN.test(id)) fault(path, 'a lower-case id');
          else if (!isObject(entry)) fault(path, 'an object');
          else {
            let category = categories.find((c) => c.id == id);
            if (!category) categories.push((category = { id, required: false, label: null, description: null, services: [] }));
            fields(entry, CATEGORY, category, path + '.');
          }
        }
        return categories;
      },
    ],
    blocking: [
      isObject,
      'an object mapping hosts to categories',
      (v: Obj) => {
        const blocking: Record<string, CategoryId> = {};
        each(v, 'blocking', (c) => categories.some((k) => k.id == c), 'a known category', (host, category: string) => {
          if (HOST.test(host) || fault(`blocking.${host}`, 'a host name')) blocking[host.toLowerCase()] = category;
        });
        return blocking;
      },
    ],
  };

  if (input !== undefined) {
    if (isObject(input)) fields(input, TOP, config, '');
    else fault('config', 'an object');
  }
  return { config, errors };
}
