/** The languages the page and the browser ask for, in order of preference. */
export function pageLanguages(): string[] {
  const languages: string[] = [];
  if (typeof document !== 'undefined' && document.documentElement.lang) languages.push(document.documentElement.lang);
  if (typeof navigator !== 'undefined') languages.push(...(navigator.languages ?? []), navigator.language ?? '');
  return languages.filter(Boolean);
}

/** Global Privacy Control: only a literal `true` counts. */
export function readGlobalPrivacyControl(): boolean {
  return typeof navigator !== 'undefined' && (navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl === true;
}
