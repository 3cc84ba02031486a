import { onTestFinished } from 'vitest';
import { createConsentCore, type CoreServices } from '../../src/core/createConsentCore';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import { createMemorySlot, createMemoryStore } from '../../src/core/storage';
import type { ConsentKitConfig } from '../../src/core/config';
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
  // Each test leaves a clean page: its UI detached, its markup and styles gone.
  const mounted = ui;
  onTestFinished(() => {
    mounted.destroy();
    document.body.innerHTML = '';
    document.head.innerHTML = '';
  });
  return { core, ui, events };
}
