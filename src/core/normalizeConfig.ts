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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.length <= max;
/** A path (`/api/consent`) or an http(s) URL, nothing else (no `javascript:`, no spaces). */
const ENDPOINT_PATTERN = /^(?:https?:\/\/[^\s/?#]+)?\/[^\s?#]*$|^https?:\/\/[^\s/?#]+$/;
const HOST_PATTERN = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i;
const COOKIE_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/;

/**
 * Validates a configuration (CONTRACT §2). Never throws: every problem becomes
 * one message in `errors`, and the faulty part falls back to its safe default,
 * which never grants anything optional.
 */
export function normalizeConfig(input: unknown): { config: ResolvedConfig; errors: string[] } {
  const errors: string[] = [];
  const raw: Record<string, unknown> = isObject(input) ? input : {};
  if (input !== undefined && !isObject(input)) errors.push('config must be an object; using the defaults');

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
  const wrong = (key: string, expected: string) => errors.push(`"${key}" must be ${expected}; ignored`);

  // Categories first: `blocking` may name a site's own category.
  const entries = Object.entries(raw).sort((a, b) => Number(b[0] === 'categories') - Number(a[0] === 'categories'));
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    switch (key) {
      case 'endpoint':
        if (isText(value, 500) && ENDPOINT_PATTERN.test(value)) config.endpoint = value.replace(/\/+$/, '');
        else wrong(key, 'a path like "/api/consent" or an http(s) URL; receipts stay in this browser');
        break;
      case 'policyVersion':
        if (isText(value, 100) && value.trim()) config.policyVersion = value.trim();
        else wrong(key, 'a non-empty string of at most 100 characters');
        break;
      case 'policyUrl':
        if (isText(value, 500) && !/^\s*(javascript|data|vbscript):/i.test(value)) config.policyUrl = value;
        else wrong(key, 'a URL');
        break;
      case 'language':
        if (isText(value, 35) && /^(auto|[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$/.test(value)) config.language = value;
        else wrong(key, '"auto" or a language tag such as "fr"');
        break;
      case 'categories':
        if (isObject(value)) resolveCategories(value, config.categories, errors);
        else wrong(key, 'an object keyed by category id');
        break;
      case 'texts':
        if (isObject(value)) config.texts = resolveTexts(value, errors);
        else wrong(key, 'an object keyed by language');
        break;
      case 'consentMode':
        config.consentMode = resolveConsentMode(value, errors);
        break;
      case 'gpc':
        if (value === 'respect' || value === 'ignore') config.gpc = value;
        else wrong(key, '"respect" or "ignore"');
        break;
      case 'settingsButton':
      case 'injectStyles':
      case 'reloadOnWithdraw':
        if (typeof value === 'boolean') config[key] = value;
        else wrong(key, 'true or false');
        break;
      case 'cookie':
        if (isObject(value)) resolveCookie(value, config.cookie, errors);
        else wrong(key, 'an object');
        break;
      case 'nonce':
        if (isText(value, 200) && /^[A-Za-z0-9+/=_-]+$/.test(value)) config.nonce = value;
        else wrong(key, 'a base64 nonce');
        break;
      case 'blocking':
        if (isObject(value)) config.blocking = resolveBlocking(value, config.categories, errors);
        else wrong(key, 'an object mapping hosts to categories');
        break;
      case 'plugins':
        if (Array.isArray(value)) {
          for (const plugin of value) {
            if (isObject(plugin) && typeof plugin.name === 'string' && typeof plugin.setup === 'function') config.plugins.push(plugin as unknown as Plugin);
            else errors.push('"plugins" entries must be { name, setup(kit) }; one ignored');
          }
        } else wrong(key, 'an array');
        break;
      default:
        errors.push(`unknown config key "${key}"; ignored`);
    }
  }
  return { config, errors };
}

function resolveCategories(value: Record<string, unknown>, categories: ResolvedCategory[], errors: string[]): void {
  for (const [id, entry] of Object.entries(value)) {
    if (!CATEGORY_ID_PATTERN.test(id)) {
      errors.push(`category id "${id}" must be lower-case letters, digits, "-" or "_"; ignored`);
      continue;
    }
    if (!isObject(entry)) {
      errors.push(`categories.${id} must be an object; ignored`);
      continue;
    }
    let category = categories.find((c) => c.id === id);
    if (!category) {
      category = { id, required: false, label: null, description: null, services: [] };
      categories.push(category);
    }
    for (const [key, v] of Object.entries(entry)) {
      if (key === 'label' || key === 'description') {
        if (isText(v, key === 'label' ? 80 : 1000)) category[key] = v;
        else errors.push(`categories.${id}.${key} must be a string; ignored`);
      } else if (key === 'services') {
        if (Array.isArray(v)) category.services = v.flatMap((s, i) => resolveService(s, `categories.${id}.services[${i}]`, errors));
        else errors.push(`categories.${id}.services must be an array; ignored`);
      } else errors.push(`unknown key categories.${id}.${key}; ignored`);
    }
  }
}

function resolveService(value: unknown, where: string, errors: string[]): ServiceConfig[] {
  if (!isObject(value) || !isText(value.name, 200) || !value.name) {
    errors.push(`${where} needs a "name" string; ignored`);
    return [];
  }
  const service: ServiceConfig = { name: value.name };
  for (const [key, v] of Object.entries(value)) {
    if (key === 'name') continue;
    if (key === 'provider' || key === 'purpose' || key === 'duration') {
      if (isText(v, 1000)) service[key] = v;
      else errors.push(`${where}.${key} must be a string; ignored`);
    } else if (key === 'cookies') {
      if (Array.isArray(v) && v.every((c) => (isText(c, 200) && c) || c instanceof RegExp)) service.cookies = v as Array<string | RegExp>;
      else errors.push(`${where}.cookies must be names, "*" globs or RegExps; ignored`);
    } else if (key === 'storage') {
      if (Array.isArray(v) && v.every((c) => isText(c, 200) && c)) service.storage = v as string[];
      else errors.push(`${where}.storage must be key names or "*" globs; ignored`);
    } else errors.push(`unknown key ${where}.${key}; ignored`);
  }
  return [service];
}

function resolveTexts(value: Record<string, unknown>, errors: string[]): TextOverrides {
  const texts: TextOverrides = {};
  for (const [language, entries] of Object.entries(value)) {
    if (!isObject(entries)) {
      errors.push(`texts.${language} must be an object of strings; ignored`);
      continue;
    }
    const own: Record<string, string> = {};
    for (const [key, text] of Object.entries(entries)) {
      if (isText(text)) own[key] = text;
      else errors.push(`texts.${language}.${key} must be a string; ignored`);
    }
    texts[language] = own;
  }
  return texts;
}

function resolveConsentMode(value: unknown, errors: string[]): Required<ConsentModeOptions> | null {
  const defaults: Required<ConsentModeOptions> = { waitForUpdate: 500, region: [], adsDataRedaction: false, urlPassthrough: false };
  if (value === false) return null;
  if (value === true) return defaults;
  if (!isObject(value)) {
    errors.push('"consentMode" must be true, false or an options object; ignored');
    return null;
  }
  const { waitForUpdate, region, adsDataRedaction, urlPassthrough, ...rest } = value;
  for (const key of Object.keys(rest)) errors.push(`unknown key consentMode.${key}; ignored`);
  if (typeof waitForUpdate === 'number' && waitForUpdate >= 0 && waitForUpdate <= 10_000) defaults.waitForUpdate = waitForUpdate;
  else if (waitForUpdate !== undefined) errors.push('consentMode.waitForUpdate must be 0 to 10000 ms; ignored');
  if (Array.isArray(region) && region.every((r) => isText(r, 10))) defaults.region = region as string[];
  else if (region !== undefined) errors.push('consentMode.region must be an array of region codes; ignored');
  if (typeof adsDataRedaction === 'boolean') defaults.adsDataRedaction = adsDataRedaction;
  if (typeof urlPassthrough === 'boolean') defaults.urlPassthrough = urlPassthrough;
  return defaults;
}

function resolveCookie(value: Record<string, unknown>, cookie: ResolvedConfig['cookie'], errors: string[]): void {
  for (const [key, v] of Object.entries(value)) {
    if (key === 'name') {
      if (typeof v === 'string' && COOKIE_NAME_PATTERN.test(v)) cookie.name = v;
      else errors.push('cookie.name must be a valid cookie name; ignored');
    } else if (key === 'domain') {
      if (typeof v === 'string' && /^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(v)) cookie.domain = v;
      else errors.push('cookie.domain must be a domain like ".example.com"; ignored');
    } else if (key === 'maxAgeDays') {
      if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
        cookie.maxAgeDays = Math.min(v, MAX_AGE_DAYS_LIMIT);
        if (v > MAX_AGE_DAYS_LIMIT) errors.push(`cookie.maxAgeDays is at most ${MAX_AGE_DAYS_LIMIT} (13 months); using ${MAX_AGE_DAYS_LIMIT}`);
      } else errors.push(`cookie.maxAgeDays must be a positive number of days; using ${DEFAULT_MAX_AGE_DAYS}`);
    } else errors.push(`unknown key cookie.${key}; ignored`);
  }
}

function resolveBlocking(value: Record<string, unknown>, categories: ResolvedCategory[], errors: string[]): Record<string, CategoryId> {
  const blocking: Record<string, CategoryId> = {};
  for (const [host, category] of Object.entries(value)) {
    if (!HOST_PATTERN.test(host)) errors.push(`blocking host "${host}" is not a host name; ignored`);
    else if (typeof category !== 'string' || !categories.some((c) => c.id === category)) errors.push(`blocking["${host}"] names no known category; ignored`);
    else blocking[host.toLowerCase()] = category;
  }
  return blocking;
}
