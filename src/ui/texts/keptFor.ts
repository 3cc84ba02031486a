import type { Texts } from './Texts';

/**
 * How long a decision is kept, in words of `t`: "6 months" for 182 days, "1
 * day" for 1, "3 miesiące" in Polish for 90. 60 days and more are counted in
 * months of 30.4 days, fewer in days.
 */
export function keptFor(days: number, t: Texts, language: string): string {
  const inMonths = days >= 60;
  const count = Math.round(inMonths ? days / 30.4 : days);
  // The words for each plural category (CLDR's names: one, few, other).
  const unit = inMonths ? { forOne: t.month, forFew: t.monthsFew, forOther: t.months } : { forOne: t.day, forFew: t.daysFew, forOther: t.days };
  // A language with a "few" form (Polish, Russian…) asks the browser's plural rules which form a
  // number takes: 3 miesiące but 5 miesięcy, 21 день. Only then: their first use costs a few ms
  // of start-up. Not Intl.NumberFormat's units, which would write the words too: about 40 ms in Chromium.
  const form = unit.forFew === undefined ? englishForm(count) : pluralForm(count, language);
  return count + ' ' + (form === 'one' ? unit.forOne : form === 'few' ? unit.forFew : unit.forOther);
}

/** Singular for 1, plural otherwise. */
const englishForm = (count: number): Intl.LDMLPluralRule => (count === 1 ? 'one' : 'other');

/** CLDR's plural category of a whole number in `language`; a tag the browser refuses (`en-12`) is counted the English way. */
function pluralForm(count: number, language: string): Intl.LDMLPluralRule {
  try {
    return new Intl.PluralRules(language).select(count);
  } catch {
    return englishForm(count);
  }
}
