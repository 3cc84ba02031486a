/** A service as the console edits it: what the preferences dialog lists and what is cleared on refusal. */
export interface SiteService {
  name: string;
  provider?: string;
  purpose?: string;
  duration?: string;
  /** Cookie names or `*` globs (`_hj*`). */
  cookies?: string[];
  /** localStorage / sessionStorage keys or `*` globs. */
  storage?: string[];
}

/** One category, in the order the console lists it. Its label and description per language live in `texts` (`texts.fr.analytics`, `texts.fr.analyticsText`). */
export interface SiteCategory {
  /** Lower-case id; the four built-in ids always exist and come first in the SDK's dialog. */
  id: string;
  services: SiteService[];
}

/**
 * The site's consent configuration as the ledger stores it: plain JSON, no
 * functions or RegExps, so that it can be diffed, versioned and inlined into a
 * script. `toConsentKitConfig` turns it into the SDK's configuration.
 */
export interface SiteConfig {
  /** A change asks every visitor again. @default '1' */
  policyVersion: string;
  /** @default null */
  policyUrl: string | null;
  /** Categories in the console's order. @default the four built-in ones, no services */
  categories: SiteCategory[];
  /** Auto-blocking: host (or `*.host`) → category id. @default {} */
  blocking: Record<string, string>;
  /**
   * The languages visitors may be addressed in. English and French are always
   * in the script; each other one listed (`de`, `es`, `it`, `nl`, `pt`, `pl`)
   * has its built-in texts inlined into `consentkit.js` and `config.json`,
   * under the overrides in `texts`. Absent from configurations stored before
   * the setting existed, which means English and French.
   * @default ['en', 'fr']
   */
  languages?: string[];
  /** Text overrides per language, including category labels (`analytics`) and descriptions (`analyticsText`). @default { en: {}, fr: {} } */
  texts: Record<string, Record<string, string>>;
  /** Google Consent Mode v2 signals. @default false */
  consentMode: boolean;
  /** Global Privacy Control. @default 'respect' */
  gpc: 'respect' | 'ignore';
  /**
   * Count banner impressions with the anonymous counter (`POST {base}/impressions`:
   * no cookie, no id, no address stored), for a true consent rate. Absent in
   * configurations saved before it existed: off. @default false
   */
  countImpressions?: boolean;
}

/** What a fresh ledger's draft holds before anyone edits it. */
export function defaultSiteConfig(): SiteConfig {
  return {
    policyVersion: '1',
    policyUrl: null,
    categories: ['necessary', 'preferences', 'analytics', 'marketing'].map((id) => ({ id, services: [] })),
    blocking: {},
    languages: ['en', 'fr'],
    texts: { en: {}, fr: {} },
    consentMode: false,
    gpc: 'respect',
    countImpressions: false,
  };
}
