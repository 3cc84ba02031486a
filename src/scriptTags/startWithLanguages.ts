// What every script-tag build beyond the default one runs: the same start as
// src/auto.ts, with more language modules handed in through `texts`.
import type { ConsentKitConfig } from '../core/config';
import { createConsentKit } from '../createConsentKit';
import { readScriptTagConfig } from '../platform/scriptTagConfig';
import type { Texts } from '../ui/texts/Texts';
import { withLanguages } from '../ui/texts/withLanguages';

/**
 * Starts consentkit from the script tag, with `languages` beside the built-in
 * English and French. The site's `texts` for a language still win over the
 * module's.
 */
export function startWithLanguages(languages: Readonly<Record<string, Texts>>): void {
  try {
    if (!window.consentkit) {
      const config = readScriptTagConfig(document.currentScript as HTMLScriptElement | null, window.consentkitConfig);
      window.consentkit = createConsentKit(withLanguages(config, languages) as ConsentKitConfig);
    }
  } catch (error) {
    // The host page must keep working whatever happens here.
    console.error('[consentkit] failed to start', error);
  }
}
