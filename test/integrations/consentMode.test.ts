// @vitest-environment jsdom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { consentMode } from '../../src/integrations/consentMode';
import { DENIED, consentCommands, createBrowserFakes, dataLayer, isArguments, makeCore, resetPage } from './fakes';

const GRANTED = Object.fromEntries(Object.keys(DENIED).map((type) => [type, 'granted']));

afterEach(resetPage);

describe('Consent Mode default', () => {
  test('is the first dataLayer entry: a real arguments object with all seven types denied but security_storage', () => {
    const core = makeCore({ consentMode: true }).core;
    consentMode().setup(core);
    const first = dataLayer()[0];
    expect(isArguments(first)).toBe(true);
    expect(Array.from(first as ArrayLike<unknown>)).toEqual(['consent', 'default', { ...DENIED, wait_for_update: 500 }]);
    expect(consentCommands()).toEqual([['default', { ...DENIED, wait_for_update: 500 }]]);
  });

  test('carries wait_for_update and region from config, then sets ads_data_redaction and url_passthrough', () => {
    const core = makeCore({ consentMode: { waitForUpdate: 1200, region: ['FR', 'DE'], adsDataRedaction: true, urlPassthrough: true } }).core;
    consentMode().setup(core);
    expect(dataLayer().map((entry) => Array.from(entry as ArrayLike<unknown>))).toEqual([
      ['consent', 'default', { ...DENIED, wait_for_update: 1200, region: ['FR', 'DE'] }],
      ['set', 'ads_data_redaction', true],
      ['set', 'url_passthrough', true],
    ]);
    expect(dataLayer().every(isArguments)).toBe(true);
  });

  test('keeps a dataLayer the page already has and goes through the page gtag() when there is one', () => {
    const existing: unknown[] = [{ event: 'page' }];
    const gtag = vi.fn(function (this: unknown) {
      existing.push(arguments);
    });
    Object.assign(window, { dataLayer: existing, gtag });
    consentMode().setup(makeCore({ consentMode: true }).core);
    expect(gtag).toHaveBeenCalledWith('consent', 'default', { ...DENIED, wait_for_update: 500 });
    expect(dataLayer()).toBe(existing);
    expect(consentCommands()).toHaveLength(1);
  });

  test('is followed at once by an update when a valid decision already stands', () => {
    const browser = createBrowserFakes();
    makeCore({}, browser).core.acceptAll();
    consentMode().setup(makeCore({ consentMode: true }, browser).core);
    expect(consentCommands()).toEqual([
      ['default', { ...DENIED, wait_for_update: 500 }],
      ['update', GRANTED],
    ]);
  });
});

describe('Consent Mode update', () => {
  test('follows every decision with all seven types, mapped from the categories', () => {
    const core = makeCore({ consentMode: true }).core;
    consentMode().setup(core);
    const updates = () => consentCommands().slice(1);

    core.acceptAll();
    core.rejectAll();
    core.save({ analytics: true });
    core.save({ preferences: true, analytics: false });
    core.save({ marketing: true, preferences: false });
    core.withdraw('marketing');
    core.rejectAll();

    expect(updates()).toEqual([
      ['update', GRANTED],
      ['update', DENIED],
      ['update', { ...DENIED, analytics_storage: 'granted' }],
      ['update', { ...DENIED, functionality_storage: 'granted', personalization_storage: 'granted' }],
      ['update', { ...DENIED, ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }],
      ['update', DENIED],
      ['update', DENIED],
    ]);
    expect(dataLayer().every(isArguments)).toBe(true);
  });

  test('follows a decision taken in another tab (reload) and an erasure', () => {
    const browser = createBrowserFakes();
    const here = makeCore({ consentMode: true }, browser).core;
    const otherTab = makeCore({}, browser).core;
    consentMode().setup(here);

    otherTab.save({ analytics: true });
    here.reload();
    here.reload();
    here.forget();

    expect(consentCommands().slice(1)).toEqual([
      ['update', { ...DENIED, analytics_storage: 'granted' }],
      ['update', DENIED],
    ]);
  });

  test('stops after cleanup', () => {
    const core = makeCore({ consentMode: true }).core;
    const cleanup = consentMode().setup(core);
    if (cleanup) cleanup();
    core.acceptAll();
    expect(consentCommands()).toHaveLength(1);
  });
});
