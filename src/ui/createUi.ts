// PLACEHOLDER until the UI issue lands: the interface the composition root relies on.
import type { ConsentCore } from '../core/createConsentCore';

export const BUILT_IN_LANGUAGES = ['en', 'fr'] as const;

export interface UiOptions {
  document: Document;
  /** The language chosen for this visitor. */
  language: string;
}

export interface Ui {
  show(): void;
  showPreferences(): void;
  hide(): void;
  /** The texts of the banner and dialog in the visitor's language, for the receipt's `shownHash`. */
  shownText(): string;
  destroy(): void;
}

export function createUi(_core: ConsentCore, _options: UiOptions): Ui {
  return { show() {}, showPreferences() {}, hide() {}, shownText: () => '', destroy() {} };
}
