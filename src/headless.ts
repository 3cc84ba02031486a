// `consentkit/headless`: the decision core without UI, gating or sync, for
// sites that bring their own banner. Browser services are handed in.
export { createConsentCore } from './core/createConsentCore';
export type { ConsentCore, CoreServices, DecisionOptions } from './core/createConsentCore';
export { normalizeConfig } from './core/normalizeConfig';
export type { ResolvedCategory, ResolvedConfig, ResolvedService } from './core/normalizeConfig';
export { createMemorySlot, createMemoryStore } from './core/storage';
export type { Clock, KeyValueStore, RecordSlot } from './core/storage';
export { createCookieSlot } from './platform/cookieSlot';
export { createWebStore } from './platform/webStore';
export type { ConsentKitConfig } from './core/config';
export type { Receipt, ReceiptAction, ReceiptSource } from './core/receipt';
export type { ConsentError, ConsentEvents, ConsentState, PromptReason } from './core/state';
