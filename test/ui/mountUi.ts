import { createConsentCore, type CoreServices } from '../../src/core/createConsentCore';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import { createMemorySlot, createMemoryStore } from '../../src/core/storage';
import type { CategoryConfig, ConsentKitConfig } from '../../src/core/config';
import { createUi, type Ui } from '../../src/ui/createUi';

/** A core on in-memory services with the UI mounted in `document`, as createConsentKit wires them. */
export function mountUi(config: ConsentKitConfig = {}, options: { language?: string; doc?: Document } & Partial<CoreServices> = {}) {
  const { language = 'en', doc = document, ...services } = options;
  let ui: Ui | undefined;
  const core = createConsentCore(normalizeConfig(config).config, {
    slot: createMemorySlot(),
    store: createMemoryStore(),
    language,
    shownText: () => ui?.shownText() ?? '',
    ...services,
  });
  const events: string[] = [];
  for (const type of ['show', 'hide'] as const) core.on(type, (e) => events.push(`${type}:${e.layer}`));
  ui = createUi(core, { document: doc, language });
  return { core, ui, events };
}

/** Some categories: ConsentKitConfig types `categories` as if all four built-ins were required. */
export const categories = (entries: Record<string, CategoryConfig>) => entries as NonNullable<ConsentKitConfig['categories']>;
