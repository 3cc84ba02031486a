/**
 * A language a receipt may name: a primary subtag of 2 or 3 letters and at
 * most four more (`fr`, `pt-BR`, `sr-Latn-RS`). The ledger refuses a receipt
 * whose language has another form, so a site's own texts must go under such a
 * tag, since the language chosen is always one the texts have.
 */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,4}$/;

/**
 * Picks the language to address the visitor in: the configured one if it is
 * available, else (for `'auto'`) the page's `<html lang>`, then the browser's
 * languages, matched on the full tag then the primary subtag; else English.
 */
export function chooseLanguage(requested: string, available: readonly string[], pageLanguages: () => readonly string[]): string {
  // The page's languages are read only when needed: navigator.languages is not free.
  if (available.includes(requested)) return requested;
  for (const tag of requested === 'auto' ? pageLanguages() : [requested, ...pageLanguages()]) {
    for (const wanted of [tag, tag.split('-')[0]!]) {
      const found = available.find((a) => a.toLowerCase() === wanted.toLowerCase());
      if (found) return found;
    }
  }
  return 'en';
}
