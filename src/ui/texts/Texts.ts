/**
 * Every text of the banner, the preferences dialog, the settings button and
 * the gating placeholder, in one language. Every key is required, so a
 * language module that misses one does not compile.
 *
 * The keys are public: a site overrides any of them per language through
 * `config.texts` (`texts.fr.acceptAll`), so they are never renamed by the
 * build (see docs/ui.md, *Mangling*).
 *
 * A type, not an interface: an object type has an implicit index signature,
 * so a whole language module is a valid `config.texts` entry
 * (`texts: { de }` with `import { de } from 'consentkit/texts/de'`).
 */
export type Texts = {
  /** The banner's accessible name and heading. */
  title: string;
  /** The banner's sentence; `{}` is replaced by how long the choice is kept ("6 months", "1 day": see keptFor). */
  text: string;
  /** The link to `policyUrl`. */
  policy: string;
  acceptAll: string;
  rejectAll: string;
  /** Opens the preferences dialog. */
  customize: string;
  /** Closes the banner; recorded as a refusal (`dismiss`). */
  dismiss: string;
  /** The preferences dialog's accessible name and heading. */
  dialogTitle: string;
  save: string;
  /** The status message after a decision taken in the dialog. */
  saved: string;
  /** The persistent button that reopens the dialog. */
  settings: string;
  close: string;
  /** The disclosure listing a category's services, and the terms of each service. */
  services: string;
  provider: string;
  purpose: string;
  duration: string;
  cookies: string;
  /**
   * Units of the kept duration: `day` and `month` for 1, `days` and `months`
   * for every other number. A language with a "few" form (Polish "3
   * miesiące") gives `daysFew` or `monthsFew`, and then the browser's plural
   * rules (CLDR's) say which form each number takes.
   */
  day: string;
  days: string;
  daysFew?: string;
  month: string;
  months: string;
  monthsFew?: string;
  /** Labels and descriptions of the built-in categories: `<id>` and `<id>Text`. */
  necessary: string;
  necessaryText: string;
  preferences: string;
  preferencesText: string;
  analytics: string;
  analyticsText: string;
  marketing: string;
  marketingText: string;
  /** The button in place of a blocked embed; `{service}` and `{category}` are filled in. */
  placeholder: string;
};

/**
 * Texts as resolved for a visitor: a language's `Texts` plus whatever else the
 * site gave in `config.texts` (labels and descriptions of its own categories).
 */
export type ResolvedTexts = Texts & Readonly<Record<string, string | undefined>>;
