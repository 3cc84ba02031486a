// The script-tag entry: the only module with side effects. It reads the tag's
// data-* and window.consentkitConfig, starts consentkit and exposes it as
// window.consentkit.
import type { ConsentKitConfig } from './core/config';
import { createConsentKit, type ConsentKit } from './createConsentKit';
import { readScriptTagConfig } from './platform/scriptTagConfig';

declare global {
  interface Window {
    consentkit?: ConsentKit;
    consentkitConfig?: ConsentKitConfig;
  }
}

try {
  if (!window.consentkit) {
    // Not narrowed to HTMLScriptElement: an SVG <script> has the dataset and nonce read from it as well.
    const config = readScriptTagConfig(document.currentScript as HTMLScriptElement | null, window.consentkitConfig);
    window.consentkit = createConsentKit(config as ConsentKitConfig);
  }
} catch (error) {
  // The host page must keep working whatever happens here.
  console.error('[consentkit] failed to start', error);
}
