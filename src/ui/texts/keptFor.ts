/**
 * How long a decision is kept, in words, in `language`: "6 months" for 182
 * days, "1 day" for 1, "3 miesiące" in Polish for 90. 60 days and more are
 * counted in months of 30.4 days, fewer in days.
 *
 * The words come from the browser's own CLDR data (`Intl.NumberFormat` with a
 * unit), which knows each language's plural forms (Polish has three), so no
 * language module carries them. Never throws: a banner must show whatever the
 * site's language tag.
 */
export function keptFor(days: number, language: string): string {
  const inMonths = days >= 60;
  const count = Math.round(inMonths ? days / 30.4 : days);
  const unit = inMonths ? 'month' : 'day';
  try {
    // The first of the two the browser has data for: for a language it knows nothing of, English,
    // not the browser's own default (a guess, and maybe not the sentence's language).
    return new Intl.NumberFormat([language, 'en'], { style: 'unit', unit, unitDisplay: 'long' }).format(count);
  } catch {
    // A malformed tag (RangeError), or a browser without unit formatting (Firefox before 78, Safari 14.0).
    return count + ' ' + unit + (count === 1 ? '' : 's');
  }
}
