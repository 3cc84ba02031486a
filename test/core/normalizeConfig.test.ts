import { describe, expect, test } from 'vitest';
import { normalizeConfig } from '../../src/core/normalizeConfig';

describe('config validation never throws and never grants by mistake', () => {
  test('the defaults', () => {
    const { config, errors } = normalizeConfig(undefined);
    expect(errors).toEqual([]);
    expect(config).toMatchObject({ endpoint: null, policyVersion: '1', language: 'auto', gpc: 'respect', settingsButton: true, injectStyles: true, cookie: { name: 'consentkit', domain: null, maxAgeDays: 182 } });
    expect(config.categories.map((c) => [c.id, c.required])).toEqual([
      ['necessary', true],
      ['preferences', false],
      ['analytics', false],
      ['marketing', false],
    ]);
  });

  test('a full valid config is taken as given', () => {
    const plugin = { name: 'p', setup: () => {} };
    const { config, errors } = normalizeConfig({
      endpoint: '/api/consent/',
      policyVersion: '2018-05-24',
      policyUrl: '/privacy',
      language: 'fr',
      categories: {
        analytics: { services: [{ name: 'Audience statistics', provider: 'stats.example', cookies: ['_ga', '_ga_*', /^_gid$/] }] },
        support: { label: 'Support chat', description: 'Live chat with our team.' },
      },
      texts: { fr: { acceptAll: 'OK pour moi' } },
      consentMode: { waitForUpdate: 800 },
      settingsButton: false,
      cookie: { name: 'ck', domain: '.example.com', maxAgeDays: 395 },
      nonce: 'abc123',
      injectStyles: false,
      blocking: { '*.support.example': 'support' },
      plugins: [plugin],
    });
    expect(errors).toEqual([]);
    expect(config.endpoint).toBe('/api/consent');
    expect(config.categories.map((c) => c.id)).toEqual(['necessary', 'preferences', 'analytics', 'marketing', 'support']);
    expect(config.categories[2]!.services[0]!.cookies).toHaveLength(3);
    expect(config.consentMode).toEqual({ waitForUpdate: 800, region: [], adsDataRedaction: false, urlPassthrough: false });
    expect(config.cookie).toEqual({ name: 'ck', domain: '.example.com', maxAgeDays: 395 });
    expect(config.blocking).toEqual({ '*.support.example': 'support' });
    expect(config.plugins).toEqual([plugin]);
  });

  test.each([
    ['an unknown key', { colour: 'red' }, 'unknown key "colour"; ignored'],
    ['a wrong type', { settingsButton: 'no' }, '"settingsButton" must be true or false; ignored'],
    ['a javascript: endpoint', { endpoint: 'javascript:alert(1)' }, '"endpoint" must be a path or an http(s) URL; ignored'],
    ['an endpoint with spaces', { endpoint: '/api/con sent' }, '"endpoint" must be a path or an http(s) URL; ignored'],
    ['a javascript: policy URL', { policyUrl: 'javascript:alert(1)' }, '"policyUrl" must be a URL; ignored'],
    ['a consent memory over 13 months', { cookie: { maxAgeDays: 400 } }, '"cookie.maxAgeDays" must be 1 to 395 days; ignored'],
    ['a bad category id', { categories: { 'Bad Id': {} } }, '"categories.Bad Id" must be an object under a lower-case id; ignored'],
    ['an unknown category field', { categories: { analytics: { granted: true } } }, 'unknown key "categories.analytics.granted"; ignored'],
    ['a service without name', { categories: { analytics: { services: [{ provider: 'x' }] } } }, '"categories.analytics.services[0]" must be an object with a "name"; ignored'],
    ['blocking to an unknown category', { blocking: { 'x.example': 'ads' } }, '"blocking.x.example" must be a known category under a host name; ignored'],
    ['a non-object config', 'analytics', '"config" must be an object; ignored'],
    ['a bad plugin', { plugins: [{ name: 'x' }] }, '"plugins" must be a list of plugins; ignored'],
  ])('%s is reported once and falls back to the default', (_name, input, message) => {
    const { config, errors } = normalizeConfig(input);
    expect(errors).toEqual([message]);
    const defaults = normalizeConfig({}).config;
    expect(config.endpoint).toBe(defaults.endpoint);
    expect(config.settingsButton).toBe(true);
    expect(config.cookie).toEqual(defaults.cookie);
    expect(config.blocking).toEqual({});
  });

  test('a faulty part does not spoil the rest', () => {
    const { config, errors } = normalizeConfig({ endpoint: 42, policyVersion: '2018-05-24', categories: { analytics: 'yes', support: { label: 'Chat' } } });
    expect(errors).toHaveLength(2);
    expect(config.policyVersion).toBe('2018-05-24');
    expect(config.categories.map((c) => c.id)).toContain('support');
  });
});
