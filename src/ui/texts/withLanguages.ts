import { isObject } from '../../core/normalizeConfig';
import type { Texts } from './Texts';

/**
 * `config` with language modules added to its `texts`, under the site's own
 * overrides for the same language. A complete `Texts` object in `config.texts`
 * is a language like any other, so this is how a build or a ledger that
 * carries German hands it to `createConsentKit`, exactly as an npm user does
 * with `texts: { de }`.
 *
 * Never throws. A config or a `texts` that is not an object is returned as
 * given, so that normalizeConfig reports it (those languages then fall back
 * to English, as every faulty part falls back to its default).
 */
export function withLanguages(config: unknown, languages: Readonly<Record<string, Texts>>): unknown {
  if (!isObject(config)) return config;
  const site = config.texts ?? {};
  if (!isObject(site)) return config;
  const texts: Record<string, unknown> = { ...languages };
  for (const [language, own] of Object.entries(site)) {
    const module = languages[language];
    // A faulty override stays as given, to be reported.
    texts[language] = module && isObject(own) ? { ...module, ...own } : own;
  }
  return { ...config, texts };
}
