// @vitest-environment jsdom
import { afterEach, expect, test } from 'vitest';
import { dataLayerEvents } from '../../src/integrations/dataLayerEvents';
import { createBrowserFakes, dataLayer, makeCore, resetPage } from './fakes';

afterEach(resetPage);

const events = () => dataLayer().filter((entry) => (entry as { event?: string }).event === 'consentkit_update');

test('a consentkit_update event with the granted categories follows every decision, once', () => {
  // A site's own category. (The built-ins are listed because the config type demands them; reported.)
  const categories = { necessary: {}, preferences: {}, analytics: {}, marketing: {}, support: { label: 'Support chat' } };
  const core = makeCore({ categories }).core;
  dataLayerEvents().setup(core);
  expect(events()).toEqual([]);

  core.acceptAll();
  core.save({ marketing: false, support: false });
  core.withdraw();

  expect(events()).toEqual([
    { event: 'consentkit_update', consentkit: { granted: ['necessary', 'preferences', 'analytics', 'marketing', 'support'], gpc: false }, _clear: true },
    { event: 'consentkit_update', consentkit: { granted: ['necessary', 'preferences', 'analytics'], gpc: false }, _clear: true },
    { event: 'consentkit_update', consentkit: { granted: ['necessary'], gpc: false }, _clear: true },
  ]);
});

test('is pushed at start when a decision stands, and after a change from another tab', () => {
  const browser = createBrowserFakes({ gpc: true });
  makeCore({}, browser).core.acceptAll();
  const here = makeCore({}, browser).core;
  dataLayerEvents().setup(here);
  makeCore({}, browser).core.rejectAll();
  here.reload();

  expect(events().map((e) => (e as { consentkit: unknown }).consentkit)).toEqual([
    { granted: ['necessary', 'preferences', 'analytics'], gpc: true },
    { granted: ['necessary'], gpc: true },
  ]);
});
