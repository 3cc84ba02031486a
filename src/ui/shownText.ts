import type { ResolvedConfig } from '../core/normalizeConfig';
import { bannerSentence } from './bannerSentence';
import { categoryEntries, type ServiceEntry } from './categoryEntries';
import type { ResolvedTexts } from './texts';

/** A category as the preferences dialog lists it. */
export interface NoticeCategory {
  id: string;
  /** The switch's accessible name. */
  label: string;
  /** The sentence under the label; '' when there is none. */
  description: string;
  /** Each service's name and details as the dialog lists them: `{ "term": "Provider", "value": "stats.example" }`. */
  services: ServiceEntry[];
}

/**
 * The notice: what a visitor was told before deciding, layer by layer, in
 * the order a reader meets it. Its SHA-256 (of its canonical JSON) is the
 * receipt's `shownHash`, and the ledger archives it under that hash, so the
 * exact wording of every receipt can be read back. Format version 1; its
 * member names go on the wire and are never renamed.
 */
export interface Notice {
  v: 1;
  /** The language the banner and the dialog spoke. */
  language: string;
  policy: { version: string; url: string | null };
  banner: {
    title: string;
    text: string;
    /** The link to the policy; null when there is no `policyUrl`. */
    policyLink: string | null;
    /** Accept all, Reject all, Customize, Continue without accepting. */
    buttons: string[];
  };
  preferences: {
    title: string;
    /** The heading of each category's list of services. */
    servicesLabel: string;
    categories: NoticeCategory[];
    /** Accept all, Reject all, Save my choices, Close. */
    buttons: string[];
  };
}

/**
 * The notice shown with this config and these texts: a pure function of
 * them, computed without building the banner or the dialog (and without a
 * DOM), so it is the same whether or not the visitor opened the dialog.
 */
export function shownNotice(config: ResolvedConfig, t: ResolvedTexts, language: string): Notice {
  return {
    v: 1,
    language,
    policy: { version: config.policyVersion, url: config.policyUrl },
    banner: {
      title: t.title,
      text: bannerSentence(config, t, language),
      policyLink: config.policyUrl ? t.policy : null,
      buttons: [t.acceptAll, t.rejectAll, t.customize, t.dismiss],
    },
    preferences: {
      title: t.dialogTitle,
      servicesLabel: t.services,
      categories: categoryEntries(config, t).map((entry) => ({
        id: entry.category.id,
        label: entry.label,
        description: entry.description,
        services: entry.services,
      })),
      buttons: [t.acceptAll, t.rejectAll, t.save, t.close],
    },
  };
}

/**
 * Every text of a notice in reading order: the banner, then the dialog (each
 * category's services heading only where it lists services). A test holds it
 * equal, white space aside, to the `textContent` of the banner followed by
 * that of the dialog: what the notice records is what is shown.
 */
export function noticeTexts({ banner, preferences }: Notice): string[] {
  const categories = preferences.categories.flatMap((c) => [
    c.label,
    c.description,
    ...(c.services.length === 0 ? [] : [preferences.servicesLabel]),
    ...c.services.flatMap((s) => [s.name, ...s.details.flatMap((d) => [d.term, d.value])]),
  ]);
  return [banner.title, banner.text, banner.policyLink ?? '', ...banner.buttons, preferences.title, ...categories, ...preferences.buttons];
}

/** The texts of the notice joined: what the 64-bit `shownHash` of a headless core digests. */
export function shownText(config: ResolvedConfig, t: ResolvedTexts, language: string): string {
  return noticeTexts(shownNotice(config, t, language)).join('');
}
