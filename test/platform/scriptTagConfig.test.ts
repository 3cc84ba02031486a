// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { readScriptTagConfig } from '../../src/platform/scriptTagConfig';

function tag(attributes: Record<string, string>): HTMLScriptElement {
  const script = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  return script;
}

describe('script-tag configuration', () => {
  test('data-* attributes become config keys', () => {
    const config = readScriptTagConfig(
      tag({ 'data-endpoint': '/api/consent', 'data-policy-version': '2018-05-24', 'data-policy-url': '/privacy', 'data-language': 'fr', 'data-consent-mode': '', 'data-settings-button': 'false', 'data-max-age-days': '90', 'data-cookie-domain': '.example.com' }),
      undefined,
    );
    expect(config).toEqual({
      endpoint: '/api/consent',
      policyVersion: '2018-05-24',
      policyUrl: '/privacy',
      language: 'fr',
      consentMode: true,
      settingsButton: false,
      cookie: { maxAgeDays: 90, domain: '.example.com' },
    });
  });

  test('window.consentkitConfig wins on conflict, and cookie options merge', () => {
    const config = readScriptTagConfig(tag({ 'data-endpoint': '/a', 'data-policy-version': '1', 'data-cookie-name': 'ck' }), { endpoint: '/b', cookie: { maxAgeDays: 30 } });
    expect(config).toEqual({ endpoint: '/b', policyVersion: '1', cookie: { name: 'ck', maxAgeDays: 30 } });
  });

  test("the tag's own nonce serves the styles unless one is configured", () => {
    const script = tag({});
    script.nonce = 'abc';
    expect(readScriptTagConfig(script, undefined).nonce).toBe('abc');
    expect(readScriptTagConfig(script, { nonce: 'xyz' }).nonce).toBe('xyz');
  });

  test('a cookie option that is no object is passed on for validation to report', () => {
    expect(readScriptTagConfig(tag({ 'data-cookie-name': 'ck' }), { cookie: 'ck' })).toEqual({ cookie: 'ck' });
  });

  test('a non-object global config is passed on for validation to report', () => {
    expect(readScriptTagConfig(tag({}), 'oops')).toBe('oops');
  });
});
