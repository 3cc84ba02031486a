import type { Texts } from './Texts';

/** How long a decision is kept, in words: "6 months" for 182 days, "30 days" for 30. */
export function keptFor(days: number, t: Texts): string {
  if (days >= 60) return Math.round(days / 30.4) + ' ' + t.months;
  return Math.round(days) + ' ' + t.days;
}
