// The npm module's public API: every name listed, nothing leaks by `export *`.
export { createConsentKit } from './createConsentKit';
export type { ConsentKit, ConsentKitServices } from './createConsentKit';
export { consentMode } from './integrations/consentMode';
export { crossTab } from './integrations/crossTab';
export { dataLayerEvents } from './integrations/dataLayerEvents';
export { BUILT_IN_CATEGORIES } from './core/categories';
export type { BuiltInCategory, CategoryChoices, CategoryId, ServiceChoices } from './core/categories';
export type {
  CategoryConfig,
  ConsentKitConfig,
  ConsentModeOptions,
  CookieConfig,
  Plugin,
  ServiceConfig,
  TextOverrides,
} from './core/config';
export type { DecisionOptions } from './core/createConsentCore';
export type { Receipt, ReceiptAction, ReceiptSource } from './core/receipt';
export type { Acknowledgement, LocalReceipt } from './core/acknowledgement';
export type { Notice, NoticeCategory } from './ui/shownText';
// The shape of one language's texts, for a site that writes a language of its own.
export type { Texts } from './ui/texts/Texts';
export type { ConsentError, ConsentEvents, ConsentState, PromptReason } from './core/state';
export type { SyncResult } from './sync/createSync';
export type { SubjectRecords } from './sync/subjectRecords';
export { toKantaraReceipt } from './sync/toKantaraReceipt';
export type { KantaraController, KantaraOptions, KantaraPurpose, KantaraReceipt } from './sync/toKantaraReceipt';
