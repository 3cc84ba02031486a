import type { ConsentKitConfig } from '../core/config';

/** `data-*` attributes of the script tag and the config keys they set (CONTRACT §2). */
const STRING_ATTRIBUTES = {
  endpoint: 'endpoint',
  policyVersion: 'policyVersion',
  policyUrl: 'policyUrl',
  language: 'language',
  nonce: 'nonce',
  gpc: 'gpc',
} as const;
const BOOLEAN_ATTRIBUTES = ['consentMode', 'settingsButton', 'injectStyles', 'reloadOnWithdraw'] as const;

/**
 * The configuration of a script-tag site: the tag's `data-*` attributes, then
 * `window.consentkitConfig` on top (the object wins on conflict). The tag's
 * own nonce serves the injected styles unless one is configured.
 */
export function readScriptTagConfig(script: HTMLScriptElement | null, globalConfig: unknown): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const data = script?.dataset ?? {};
  for (const [attribute, key] of Object.entries(STRING_ATTRIBUTES)) {
    if (data[attribute] !== undefined) config[key] = data[attribute];
  }
  for (const key of BOOLEAN_ATTRIBUTES) {
    const value = data[key];
    // Anything but "false" is true, as for a boolean HTML attribute; normalizeConfig reports other types.
    if (value !== undefined) config[key] = value !== 'false';
  }
  const cookie: Record<string, unknown> = {};
  if (data.cookieName) cookie.name = data.cookieName;
  if (data.cookieDomain) cookie.domain = data.cookieDomain;
  if (data.maxAgeDays) cookie.maxAgeDays = Number(data.maxAgeDays);
  if (Object.keys(cookie).length) config.cookie = cookie;
  if (!config.nonce && script?.nonce) config.nonce = script.nonce;

  if (globalConfig !== undefined && (typeof globalConfig !== 'object' || globalConfig === null)) {
    // Passed through so normalizeConfig reports it once, with the rest.
    return globalConfig as Record<string, unknown>;
  }
  const merged = { ...config, ...(globalConfig as ConsentKitConfig | undefined) } as Record<string, unknown>;
  if (config.cookie && globalConfig && (globalConfig as ConsentKitConfig).cookie) {
    merged.cookie = { ...(config.cookie as object), ...(globalConfig as ConsentKitConfig).cookie };
  }
  return merged;
}
