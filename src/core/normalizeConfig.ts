import { BUILT_IN_CATEGORIES, CATEGORY_ID_PATTERN, type CategoryId } from './categories';
import type { ConsentKitConfig, ConsentModeOptions, Plugin, ServiceConfig, TextOverrides } from './config';

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

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (max: number, pattern?: RegExp): Check => (v) => typeof v === 'string' && v.length <= max && (!pattern || pattern.test(v));
const isBoolean: Check = (v) => typeof v === 'boolean';
const listOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const nonEmpty = text(200, /./);

/** A path (`/api/consent`) or an http(s) URL, nothing else (no `javascript:`, no spaces). */
const ENDPOINT = /^(https?:\/\/[^\s/?#]+)?(\/[^\s?#]*)?$/;
const SAFE_URL = /^(?!\s*(javascript|data|vbscript):)/i;
const LANGUAGE = /^(auto|[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$/;
const DOMAIN = /^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i;
const HOST = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i;
const SERVICE_CHECKS: Record<string, Check> = {
  name: nonEmpty,
  provider: text(1000),
  purpose: text(1000),
  duration: text(1000),
  cookies: listOf((c) => nonEmpty(c) || c instanceof RegExp),
  storage: listOf(nonEmpty),
};

/**
 * Validates a configuration (CONTRACT §2). Never throws: each problem becomes
 * one message in `errors`, naming the key, and the faulty part falls back to
 * its safe default, which never grants anything optional.
 */
export function normalizeConfig(input: unknown): { config: ResolvedConfig; errors: string[] } {
  const errors: string[] = [];
  const config: ResolvedConfig = {
    endpoint: null,
    policyVersion: '1',
    policyUrl: null,
    language: 'auto',
    categories: BUILT_IN_CATEGORIES.map((id) => ({ id, required: id === 'necessary', label: null, description: null, services: [] })),
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
  /** Reports `path` as faulty and returns false. */
  const reject = (path: string, expected: string) => !errors.push(`"${path}" must be ${expected}; ignored`);
  const valid = (value: unknown, check: Check, path: string, expected: string) => check(value) || reject(path, expected);
  const known = (object: Obj, keys: Record<string, unknown>, path: string) =>
    Object.keys(object).filter((key) => key in keys || !errors.push(`unknown config key "${path}${key}"; ignored`));

  if (input !== undefined && !valid(input, isObject, 'config', 'an object')) input = {};
  const raw = (input ?? {}) as Obj;
  // Categories first: `blocking` may name a site's own category.
  const keys = known(raw, config as unknown as Obj, '').sort((a, b) => Number(b === 'categories') - Number(a === 'categories'));
  for (const key of keys) {
    const value = raw[key];
    if (value === undefined) continue;
    switch (key) {
      case 'endpoint':
        if (valid(value, text(500, ENDPOINT), key, 'a path like "/api/consent" or an http(s) URL')) config.endpoint = (value as string).replace(/\/+$/, '');
        break;
      case 'policyVersion':
        if (valid(value, text(100, /\S/), key, 'a non-empty string')) config.policyVersion = (value as string).trim();
        break;
      case 'policyUrl':
        if (valid(value, text(500, SAFE_URL), key, 'a URL')) config.policyUrl = value as string;
        break;
      case 'language':
        if (valid(value, text(35, LANGUAGE), key, '"auto" or a language tag such as "fr"')) config.language = value as string;
        break;
      case 'gpc':
        if (valid(value, (v) => v === 'respect' || v === 'ignore', key, '"respect" or "ignore"')) config.gpc = value as 'respect';
        break;
      case 'nonce':
        if (valid(value, text(200, /^[\w+/=-]+$/), key, 'a base64 nonce')) config.nonce = value as string;
        break;
      case 'settingsButton':
      case 'injectStyles':
      case 'reloadOnWithdraw':
        if (valid(value, isBoolean, key, 'true or false')) config[key] = value as boolean;
        break;
      case 'categories':
        if (valid(value, isObject, key, 'an object keyed by category id')) {
          for (const [id, entry] of Object.entries(value as Obj)) {
            const path = `categories.${id}`;
            if (!valid(id, text(32, CATEGORY_ID_PATTERN), path, 'a lower-case id') || !valid(entry, isObject, path, 'an object')) continue;
            let category = config.categories.find((c) => c.id === id);
            if (!category) config.categories.push((category = { id, required: false, label: null, description: null, services: [] }));
            for (const field of known(entry as Obj, { label: 0, description: 0, services: 0 }, path + '.')) {
              const v = (entry as Obj)[field];
              if (field === 'services') {
                if (valid(v, Array.isArray, `${path}.services`, 'an array')) category.services = (v as unknown[]).flatMap((s, i) => resolveService(s, `${path}.services[${i}]`));
              } else if (valid(v, text(1000), `${path}.${field}`, 'a string')) category[field as 'label'] = v as string;
            }
          }
        }
        break;
      case 'texts':
        if (valid(value, isObject, key, 'an object keyed by language')) {
          for (const [language, entries] of Object.entries(value as Obj)) {
            if (valid(entries, (e) => isObject(e) && Object.values(e).every(text(2000)), `texts.${language}`, 'an object of strings')) {
              config.texts[language] = entries as Record<string, string>;
            }
          }
        }
        break;
      case 'consentMode':
        config.consentMode = resolveConsentMode(value);
        break;
      case 'cookie':
        if (valid(value, isObject, key, 'an object')) {
          const { name, domain, maxAgeDays } = value as Obj;
          known(value as Obj, { name, domain, maxAgeDays }, 'cookie.');
          if (name !== undefined && valid(name, text(64, /^[\w!#$%&'*+.^`|~-]+$/), 'cookie.name', 'a cookie name')) config.cookie.name = name as string;
          if (domain !== undefined && valid(domain, text(253, DOMAIN), 'cookie.domain', 'a domain like ".example.com"')) config.cookie.domain = domain as string;
          if (maxAgeDays !== undefined && valid(maxAgeDays, (d) => typeof d === 'number' && d > 0 && d <= MAX_AGE_DAYS_LIMIT, 'cookie.maxAgeDays', `from 1 to ${MAX_AGE_DAYS_LIMIT} days (13 months)`)) {
            config.cookie.maxAgeDays = maxAgeDays as number;
          }
        }
        break;
      case 'blocking':
        if (valid(value, isObject, key, 'an object mapping hosts to categories')) {
          for (const [host, category] of Object.entries(value as Obj)) {
            if (valid(host, text(253, HOST), `blocking.${host}`, 'a host name') &&
                valid(category, (c) => config.categories.some((k) => k.id === c), `blocking.${host}`, 'a known category')) {
              config.blocking[host.toLowerCase()] = category as string;
            }
          }
        }
        break;
      case 'plugins':
        if (valid(value, listOf((p) => isObject(p) && typeof p.name === 'string' && typeof p.setup === 'function'), key, 'an array of { name, setup(kit) }')) {
          config.plugins = value as Plugin[];
        }
    }
  }
  return { config, errors };

  function resolveService(value: unknown, path: string): ServiceConfig[] {
    if (!valid(value, (v) => isObject(v) && nonEmpty(v.name), path, 'an object with a "name"')) return [];
    const service: Obj = {};
    for (const key of known(value as Obj, SERVICE_CHECKS, path + '.')) {
      const v = (value as Obj)[key];
      if (valid(v, SERVICE_CHECKS[key]!, `${path}.${key}`, key === 'cookies' || key === 'storage' ? 'names, "*" globs or RegExps' : 'a string')) service[key] = v;
    }
    return [service as unknown as ServiceConfig];
  }

  function resolveConsentMode(value: unknown): Required<ConsentModeOptions> | null {
    const options: Required<ConsentModeOptions> = { waitForUpdate: 500, region: [], adsDataRedaction: false, urlPassthrough: false };
    if (value === true) return options;
    if (value === false || !valid(value, isObject, 'consentMode', 'true, false or an options object')) return null;
    const given = value as Obj;
    const checks: Record<keyof ConsentModeOptions, Check> = {
      waitForUpdate: (v) => typeof v === 'number' && v >= 0 && v <= 10_000,
      region: listOf(text(10)),
      adsDataRedaction: isBoolean,
      urlPassthrough: isBoolean,
    };
    for (const key of known(given, checks, 'consentMode.') as Array<keyof ConsentModeOptions>) {
      if (valid(given[key], checks[key], `consentMode.${key}`, key === 'waitForUpdate' ? '0 to 10000 ms' : key === 'region' ? 'region codes' : 'true or false')) {
        (options as Obj)[key] = given[key];
      }
    }
    return options;
  }
}
