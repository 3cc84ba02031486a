// globalThis.x: the npm module also runs in Node, where there is no document and maybe no navigator.

/** The languages the page and the browser ask for, in order of preference. */
export function pageLanguages(): string[] {
  const nav = globalThis.navigator;
  return [globalThis.document?.documentElement.lang, ...(nav?.languages ?? []), nav?.language].filter((l): l is string => !!l);
}

/** Global Privacy Control: only a literal `true` counts. */
export function readGlobalPrivacyControl(): boolean {
  return (globalThis.navigator as { globalPrivacyControl?: unknown } | undefined)?.globalPrivacyControl === true;
}
