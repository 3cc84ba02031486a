import type { ResolvedConfig } from '../core/normalizeConfig';
import { bannerSentence } from './bannerSentence';
import { categoryEntries } from './categoryEntries';
import type { ResolvedTexts } from './texts';

/**
 * Everything the banner and the preferences dialog say, in the order a reader
 * meets it: exactly the `textContent` of the banner followed by that of the
 * dialog before any status message (a test holds the two together). A pure
 * function of the resolved config and the visitor's texts, so the core can
 * digest it into every receipt's `shownHash` without building the dialog, or
 * without a DOM at all.
 */
export function shownText(config: ResolvedConfig, t: ResolvedTexts): string {
  const banner = [t.title, ' ' + bannerSentence(config, t) + ' ', config.policyUrl ? t.policy : '', t.acceptAll, t.rejectAll, t.customize, t.dismiss];
  const categories = categoryEntries(config, t).flatMap((entry) => [
    entry.label,
    entry.description,
    ...(entry.services.length === 0 ? [] : [t.services]),
    ...entry.services.flatMap((service) => [service.name, ...service.details.flatMap((detail) => [detail.term, detail.value])]),
  ]);
  const dialog = [t.dialogTitle, ...categories, t.acceptAll, t.rejectAll, t.save, t.close];
  return [...banner, ...dialog].join('');
}
