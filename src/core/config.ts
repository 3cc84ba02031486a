import type { CategoryId } from './categories';

/** A service inside a category, as shown in the preferences dialog and used to clear cookies. */
export interface ServiceConfig {
  /** The service's name, shown to the visitor: the accessible name of its switch. */
  name: string;
  /**
   * How receipts, `data-service`, `has()`, `save()`, `whenGranted()` and
   * `withdraw()` name it: lower case, unique across the site, never a category id.
   * A taken id gets `-2`, `-3`… @default made from the name: `Ad pixel` → `ad-pixel`
   */
  id?: string;
  /** Who runs it, e.g. `stats.example`. */
  provider?: string;
  /** What it is used for. */
  purpose?: string;
  /** How long its cookies live, in words, e.g. `13 months`. */
  duration?: string;
  /** Cookie names it sets: exact names, `*` globs (`_ga_*`), or RegExps in JS. Deleted on refusal and withdrawal. */
  cookies?: Array<string | RegExp>;
  /** localStorage / sessionStorage keys it sets (exact names or `*` globs). Deleted on refusal and withdrawal. */
  storage?: string[];
}

/** Labels, description and services of one category. Labels default to the built-in texts. */
export interface CategoryConfig {
  /** The switch's accessible name. @default the built-in label in the page's language */
  label?: string;
  /** One or two sentences under the label. @default the built-in description */
  description?: string;
  /** The services in this category. @default [] */
  services?: ServiceConfig[];
}

/** Where and how the consent cookie is stored. */
export interface CookieConfig {
  /** @default 'consentkit' */
  name?: string;
  /** e.g. `.example.com` to share the decision across subdomains. @default the current host */
  domain?: string;
  /** How long a decision (consent or refusal) is kept before the banner asks again. At most 395 (13 months). @default 182 */
  maxAgeDays?: number;
}

/** Options for Google Consent Mode v2 signals. */
export interface ConsentModeOptions {
  /** Milliseconds gtag waits for an update before firing tags. @default 500 */
  waitForUpdate?: number;
  /** ISO 3166-2 region codes the default applies to. @default every region */
  region?: string[];
  /** @default false */
  adsDataRedaction?: boolean;
  /** @default false */
  urlPassthrough?: boolean;
}

/** An integration: set up once with the kit, returns its cleanup. */
export interface Plugin<Kit = unknown> {
  name: string;
  setup(kit: Kit): void | (() => void);
}

/** Built-in texts can be overridden per language: `texts.fr.acceptAll = 'Tout accepter'`. */
export type TextOverrides = Record<string, Record<string, string>>;

/**
 * The one configuration object: `window.consentkitConfig`, the script tag's
 * `data-*` attributes, or `createConsentKit(config)`.
 */
export interface ConsentKitConfig {
  /** Base URL of the consent ledger, e.g. `/api/consent`. Without it receipts stay in this browser. @default undefined */
  endpoint?: string;
  /** Version of the privacy policy the visitor is asked about; a change asks again. @default '1' */
  policyVersion?: string;
  /** Link to the privacy policy, shown in the banner and recorded in receipts. @default undefined */
  policyUrl?: string;
  /** `'auto'` follows `<html lang>`, then the browser; or `'en'`, `'fr'`, or a language given in `texts`. @default 'auto' */
  language?: string;
  /** Labels, descriptions and services per category; a new id adds a site category. @default {} */
  categories?: Partial<Record<CategoryId, CategoryConfig>>;
  /** Overrides of built-in texts, per language. @default {} */
  texts?: TextOverrides;
  /** Google Consent Mode v2 signals. @default false */
  consentMode?: boolean | ConsentModeOptions;
  /** Global Privacy Control: `'respect'` starts marketing refused when the browser sends GPC. @default 'respect' */
  gpc?: 'respect' | 'ignore';
  /** A persistent "Cookie settings" button after a choice. @default true */
  settingsButton?: boolean;
  /** The consent cookie. @default { name: 'consentkit', maxAgeDays: 182 } */
  cookie?: CookieConfig;
  /** Nonce for the injected `<style>`. @default the script tag's own nonce */
  nonce?: string;
  /** `false`: the site loads `dist/consentkit.css` itself (strict CSP without nonce). @default true */
  injectStyles?: boolean;
  /** Auto-blocking: hosts (with `*.` wildcards) mapped to the category their scripts need. @default {} */
  blocking?: Record<string, CategoryId>;
  /** Reload once when a category whose scripts already ran is withdrawn (they cannot be un-run). @default true */
  reloadOnWithdraw?: boolean;
  /** Extra integrations. @default [] */
  plugins?: Plugin[];
  /**
   * The published console configuration version this page runs, recorded in
   * receipts so that statistics can compare versions. The ledger-served
   * `consentkit.js` and `config.json` set it; a static config leaves it out.
   * @default undefined
   */
  configVersion?: number;
  /**
   * Counts an anonymous impression on the ledger (`POST {endpoint}/impressions`,
   * the visitor's language only, no cookie, no id) when the banner is shown, for
   * a true consent rate. The console's switch sets it. @default false
   */
  countImpressions?: boolean;
}
