import type { CookieConfig } from '../core/config';
import { isObject } from '../core/normalizeConfig';

/** Config keys a script tag may set as `data-*` attributes (`policyVersion` ← `data-policy-version`). */
const DATA_KEYS = 'endpoint policyVersion policyUrl language nonce gpc consentMode settingsButton injectStyles reloadOnWithdraw'.split(' ');
/** Boolean keys: present means true, as for a boolean HTML attribute, unless it says "false". */
const BOOLEAN_KEYS = ['consentMode', 'settingsButton', 'injectStyles', 'reloadOnWithdraw'];

/**
 * The configuration of a script-tag site: the tag's `data-*` attributes, then
 * `window.consentkitConfig` on top (the object wins on conflict). The tag's
 * own nonce serves the injected styles unless one is configured.
 */
export function readScriptTagConfig(script: HTMLScriptElement | null, given: unknown = {}): Record<string, unknown> {
  // No global config defaults to {}; anything else that is not an object (null, an array, 42) is passed on as it is, so that normalizeConfig reports it once, with the rest.
  if (!isObject(given)) return given as Record<string, unknown>;
  const data = script?.dataset ?? {};
  const config: Record<string, unknown> = {};
  for (const key of DATA_KEYS) {
    const value = data[key];
    if (value !== undefined) config[key] = BOOLEAN_KEYS.includes(key) ? value !== 'false' : value;
  }
  if (!config.nonce && script?.nonce) config.nonce = script.nonce;
  // Absent attributes stay undefined, which normalizeConfig takes as not given.
  const cookie: CookieConfig = { name: data.cookieName || undefined, domain: data.cookieDomain || undefined, maxAgeDays: data.maxAgeDays ? +data.maxAgeDays : undefined } as CookieConfig;
  // A cookie option that is no object is left as given, for normalizeConfig to report.
  return { ...config, ...given, cookie: given.cookie === undefined || isObject(given.cookie) ? { ...cookie, ...given.cookie } : given.cookie };
}
