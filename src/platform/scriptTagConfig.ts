import type { ConsentKitConfig } from '../core/config';

/** Config keys a script tag may set as `data-*` attributes (`policyVersion` ← `data-policy-version`). */
const DATA_KEYS = 'endpoint policyVersion policyUrl language nonce gpc consentMode settingsButton injectStyles reloadOnWithdraw'.split(' ');
/** Boolean keys: present means true, as for a boolean HTML attribute, unless it says "false". */
const BOOLEAN_KEYS = /^(consentMode|settingsButton|injectStyles|reloadOnWithdraw)$/;

/**
 * The configuration of a script-tag site: the tag's `data-*` attributes, then
 * `window.consentkitConfig` on top (the object wins on conflict). The tag's
 * own nonce serves the injected styles unless one is configured.
 */
export function readScriptTagConfig(script: HTMLScriptElement | null, globalConfig: unknown): Record<string, unknown> {
  // Not an object: passed on as it is, so that normalizeConfig reports it once, with the rest.
  if (globalConfig !== undefined && (typeof globalConfig != 'object' || !globalConfig)) return globalConfig as Record<string, unknown>;
  const data = script?.dataset ?? {};
  const config: Record<string, unknown> = {};
  for (const key of DATA_KEYS) {
    const value = data[key];
    if (value != null) config[key] = BOOLEAN_KEYS.test(key) ? value != 'false' : value;
  }
  if (!config.nonce && script?.nonce) config.nonce = script.nonce;
  const given = (globalConfig ?? {}) as ConsentKitConfig;
  const cookie = {
    ...(data.cookieName && { name: data.cookieName }),
    ...(data.cookieDomain && { domain: data.cookieDomain }),
    ...(data.maxAgeDays && { maxAgeDays: Number(data.maxAgeDays) }),
    ...given.cookie,
  };
  // A cookie option that is no object is left as given, for normalizeConfig to report.
  const merged = given.cookie === undefined || (typeof given.cookie == 'object' && given.cookie);
  return { ...config, ...given, ...(merged && Object.keys(cookie).length && { cookie }) };
}
