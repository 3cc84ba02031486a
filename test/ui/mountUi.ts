import { onTestFinished } from 'vitest';
import { createConsentCore, type CoreServices } from '../../src/core/createConsentCore';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import { createMemorySlot, createMemoryStore } from '../../src/core/storage';
import type { ConsentKitConfig } from '../../src/core/config';
import { createUi } from '../../src/ui/createUi';
import { shownText } from '../../src/ui/shownText';
import { textsFor } from '../../src/ui/texts';

/** A core on in-memory services with the UI mounted in `document`, as createConsentKit wires them. */
export function mountUi(config: ConsentKitConfig = {}, options: { language?: string; doc?: Document } & Partial<CoreServices> = {}) {
  const { language = 'en', doc = document, ...services } = options;
  const resolved = normalizeConfig(config).config;
  const texts = textsFor(language, resolved.texts);
  // The notice digested into receipts, as createConsentKit computes it: from the texts, not from the page.
  const notice = shownText(resolved, texts, language);
  const core = createConsentCore(resolved, {
    slot: createMemorySlot(),
    store: createMemoryStore(),
    language,
    shownText: () => notice,
    ...services,
  });
  const events: string[] = [];
  for (const type of ['show', 'hide'] as const) core.on(type, (e) => events.push(`${type}:${e.layer}`));
  const ui = createUi(core, { document: doc, language, texts });
  // Each test leaves a clean page: its UI detached, its markup and styles gone.
  onTestFinished(() => {
    ui.destroy();
    document.body.innerHTML = '';
    document.head.innerHTML = '';
  });
  return { core, ui, events, notice };
}
