/**
 * Picks the language to address the visitor in: the configured one if it is
 * available, else (for `'auto'`) the page's `<html lang>`, then the browser's
 * languages, matched on the full tag then the primary subtag; else English.
 */
export function chooseLanguage(requested: string, available: readonly string[], pageLanguages: () => readonly string[]): string {
  // The page's languages are read only when needed: navigator.languages is not free.
  const candidates = requested == 'auto' ? pageLanguages() : available.includes(requested) ? [requested] : [requested, ...pageLanguages()];
  for (const tag of candidates) {
    const lower = tag.toLowerCase();
    const exact = available.find((a) => a.toLowerCase() === lower);
    if (exact) return exact;
    const primary = available.find((a) => a.toLowerCase() === lower.split('-')[0]);
    if (primary) return primary;
  }
  return available.includes('en') ? 'en' : (available[0] ?? 'en');
}
