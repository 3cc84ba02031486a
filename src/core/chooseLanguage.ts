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
