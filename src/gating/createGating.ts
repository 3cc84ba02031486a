// PLACEHOLDER until the gating issue lands: the interface the composition root relies on.
import type { ConsentCore } from '../core/createConsentCore';

export interface GatingOptions {
  document: Document;
}

export function createGating(_core: ConsentCore, _options: GatingOptions): { destroy(): void } {
  return { destroy() {} };
}
