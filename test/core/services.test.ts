import { describe, expect, test } from 'vitest';
import type { ConsentKitConfig } from '../../src/core/config';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import { decodeRecord } from '../../src/core/record';
import { createMemorySlot, makeCore } from './fakes';

/** A site with two services in marketing, one in analytics, and a session cookie in necessary. */
const SITE: ConsentKitConfig = {
  categories: {
    necessary: { services: [{ name: 'Session', cookies: ['sid'] }] },
    analytics: { services: [{ name: 'Matomo', id: 'matomo', cookies: ['_pk_id.*'] }] },
    marketing: { services: [{ name: 'YouTube', cookies: ['VISITOR_INFO1_LIVE'] }, { name: 'Ad pixel', cookies: ['_fbp'] }] },
  },
};

const serviceIds = (config: ConsentKitConfig) => normalizeConfig(config).config.categories.flatMap((c) => c.services.map((s) => s.id));

describe('service ids', () => {
  test('a service goes by its own id, else one made from its name', () => {
    expect(serviceIds(SITE)).toEqual(['session', 'matomo', 'youtube', 'ad-pixel']);
    expect(
      serviceIds({ categories: { marketing: { services: [{ name: '  Vidéo (YouTube) ' }, { name: '統計' }, { name: '2GIS maps' }, { name: 'Ñandú Straße' }] } } }),
    ).toEqual(['video-youtube', 'service', 'service-2', 'nandu-stra-e']);
  });

  test('at most 64 services, all categories together (the ledger refuses receipts with more): the rest are left out and reported', () => {
    const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${i + 1}` }));
    const { config, errors } = normalizeConfig({ categories: { analytics: { services: many('Stats', 40) }, marketing: { services: many('Ad', 30) } } });
    expect(config.categories.map((c) => c.services.length)).toEqual([0, 0, 40, 24]);
    expect(config.categories.at(-1)!.services.at(-1)!.id).toBe('ad-24');
    expect(errors).toEqual(['"categories" must be at most 64 services in all; ignored']);
  });

  test('ids are unique across the site and never a category id: a taken one gets -2, -3…', () => {
    const config = {
      categories: {
        analytics: { services: [{ name: 'Google' }, { name: 'Marketing' }] },
        marketing: { services: [{ name: 'Google' }, { name: 'Google' }] },
      },
    };
    expect(serviceIds(config)).toEqual(['google', 'marketing-2', 'google-2', 'google-3']);
    expect(normalizeConfig(config).errors).toEqual([]);
  });

  test('an id the site gave that is malformed is reported, one that is taken gets -2; the service keeps a working id', () => {
    const { config, errors } = normalizeConfig({
      categories: { marketing: { services: [{ name: 'A', id: 'analytics' }, { name: 'Bad id', id: 'Not An Id' }] } },
    });
    expect(config.categories.flatMap((c) => c.services.map((s) => s.id))).toEqual(['analytics-2', 'bad-id']);
    expect(errors).toEqual(['"categories.marketing.services[1].id" must be a lower-case id; ignored']);
  });
});

describe('deciding per service', () => {
  test('before any choice no optional service is granted; necessary ones always are', () => {
    const { core } = makeCore(SITE);
    expect(['session', 'matomo', 'youtube', 'ad-pixel'].map((id) => core.has(id))).toEqual([true, false, false, false]);
  });

  test('accept all grants every service and records them beside the categories', () => {
    const { core } = makeCore(SITE);
    const receipt = core.acceptAll();
    expect(receipt.services).toEqual({ session: true, matomo: true, youtube: true, 'ad-pixel': true });
    expect(receipt.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: true });
    expect(core.get()?.services).toEqual(receipt.services);
  });

  test('with Global Privacy Control, accept all leaves the marketing services refused', () => {
    const { core } = makeCore(SITE, { gpc: true });
    expect(core.acceptAll().services).toEqual({ session: true, matomo: true, youtube: false, 'ad-pixel': false });
  });

  test('YouTube allowed, the ad pixel refused: the category is granted only when all its services are', () => {
    const { core } = makeCore(SITE);
    const receipt = core.save({ youtube: true });
    expect(receipt.services).toEqual({ session: true, matomo: false, youtube: true, 'ad-pixel': false });
    expect(receipt.categories.marketing).toBe(false);
    expect([core.has('youtube'), core.has('ad-pixel'), core.has('marketing'), core.has(['youtube', 'matomo'])]).toEqual([true, false, false, false]);
    core.save({ 'ad-pixel': true });
    expect(core.has('marketing')).toBe(true);
  });

  test('a category sets all its services; a service named with it wins', () => {
    const { core } = makeCore(SITE);
    expect(core.save({ marketing: true }).services).toMatchObject({ youtube: true, 'ad-pixel': true });
    expect(core.save({ marketing: true, 'ad-pixel': false }).services).toMatchObject({ youtube: true, 'ad-pixel': false });
    expect(core.save({ marketing: false }).services).toMatchObject({ youtube: false, 'ad-pixel': false });
  });

  test('withdrawing one service keeps the others, and is announced by id', () => {
    const { core } = makeCore(SITE);
    core.acceptAll();
    const events: unknown[] = [];
    core.on('change', ({ granted, revoked }) => events.push(['change', granted, revoked]));
    core.on('withdraw', ({ categories }) => events.push(['withdraw', categories]));
    const receipt = core.withdraw('ad-pixel');
    expect(receipt).toMatchObject({ action: 'withdraw', categories: { marketing: false, analytics: true }, services: { youtube: true, 'ad-pixel': false } });
    expect(events).toEqual([
      ['change', [], ['marketing', 'ad-pixel']],
      ['withdraw', ['marketing', 'ad-pixel']],
    ]);
    // Withdrawing the category takes its remaining services with it.
    expect(core.withdraw('marketing').services).toMatchObject({ youtube: false, 'ad-pixel': false, matomo: true });
  });

  test('a necessary service cannot be withdrawn, and an unknown id grants nothing', () => {
    const { core } = makeCore(SITE);
    const errors: string[] = [];
    core.on('error', (e) => errors.push(e.message));
    core.acceptAll();
    expect(core.withdraw('session').services?.session).toBe(true);
    expect(core.save({ vimeo: true }).services).not.toHaveProperty('vimeo');
    expect(core.has('vimeo')).toBe(false);
    expect(errors).toEqual(['"necessary" cannot be withdrawn; ignored', 'unknown category or service "vimeo"; ignored']);
  });

  test('whenGranted waits for the service alone, not for its whole category', () => {
    const { core } = makeCore(SITE);
    const ran: string[] = [];
    core.whenGranted('youtube', () => ran.push('youtube'));
    core.whenGranted('marketing', () => ran.push('marketing'));
    core.save({ matomo: true });
    expect(ran).toEqual([]);
    core.save({ youtube: true });
    expect(ran).toEqual(['youtube']);
  });

  test('the choice holds on the next page: the consent cookie keeps each service', () => {
    const { core, slot, store, clock } = makeCore(SITE);
    core.save({ youtube: true, matomo: true });
    expect(JSON.parse(slot.value!).s).toEqual({ session: 1, matomo: 1, youtube: 1, 'ad-pixel': 0 });
    const next = makeCore(SITE, { slot, store, clock }).core;
    expect(next.promptReason()).toBeNull();
    expect([next.has('youtube'), next.has('ad-pixel'), next.has('analytics')]).toEqual([true, false, true]);
  });
});

describe('a service the site adds later', () => {
  test('asks again, as a new category does; the choices made hold meanwhile and the new one waits', () => {
    const { core, slot, store, clock } = makeCore(SITE);
    core.acceptAll();
    const grown: ConsentKitConfig = { categories: { ...SITE.categories, analytics: { services: [{ name: 'Matomo', id: 'matomo' }, { name: 'Hotjar' }] } } };
    const next = makeCore(grown, { slot, store, clock }).core;
    expect(next.promptReason()).toBe('new-category');
    expect([next.has('matomo'), next.has('hotjar'), next.has('analytics'), next.has('marketing')]).toEqual([true, false, false, true]);
    const answer = next.save({ hotjar: false });
    expect(answer).toMatchObject({ reason: 'new-category', services: { matomo: true, hotjar: false } });
    expect(next.promptReason()).toBeNull();
  });

  test('a renewal under a new subject keeps it unasked', () => {
    const { core, slot, store, clock } = makeCore(SITE);
    core.save({ youtube: true });
    const grown: ConsentKitConfig = { categories: { ...SITE.categories, preferences: { services: [{ name: 'Theme' }] } } };
    const next = makeCore(grown, { slot, store, clock }).core;
    const renewed = next.renewSubject()!;
    expect(renewed.services).toMatchObject({ youtube: true, 'ad-pixel': false, theme: false });
    expect(next.promptReason()).toBe('new-category');
    expect(next.has('youtube')).toBe(true);
  });

  test('a decision stored before services had their own choice grants each service with its category, and asks nothing', () => {
    const before = { v: 1, sub: 'V1StGXR8_Z5jdHi6B-myT', ts: Date.parse('2026-11-29T15:00:00.000Z'), pv: '1', rid: 'Uakgb_J5m9g-0JDMbcJqL', gpc: 0, c: { necessary: 1, preferences: 0, analytics: 0, marketing: 1 } };
    const { core } = makeCore(SITE, { slot: createMemorySlot(JSON.stringify(before)) });
    expect(core.promptReason()).toBeNull();
    expect(core.get()?.services).toEqual({ session: true, matomo: false, youtube: true, 'ad-pixel': true });
  });
});

test('a stored decision whose services are not ids and flags is no decision', () => {
  const good = { v: 1, sub: 'V1StGXR8_Z5jdHi6B-myT', ts: 1764432000000, pv: '1', rid: 'Uakgb_J5m9g-0JDMbcJqL', gpc: 0, c: { necessary: 1 }, s: { youtube: 1 } };
  expect(decodeRecord(JSON.stringify(good))).toEqual(good);
  expect(decodeRecord(JSON.stringify({ ...good, s: { youtube: true } }))).toBeNull();
  expect(decodeRecord(JSON.stringify({ ...good, s: { '<img>': 1 } }))).toBeNull();
  expect(decodeRecord(JSON.stringify({ ...good, s: 'youtube' }))).toBeNull();
});
