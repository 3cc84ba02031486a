// The SDK's canonical JSON and hash against the ledger's own rule
// (src/server/canonicalJson.ts, imported here only): the same notice must
// give the same `sha256:` hash on both sides, or no notice could be found
// again by its receipt's shownHash.
import { expect, test } from 'vitest';
import { canonicalJson } from '../../src/core/canonicalJson';
import { createNoticeDigest } from '../../src/core/noticeDigest';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import { shownHash } from '../../src/core/shownHash';
import { canonicalJson as ledgerCanonicalJson, sha256Hex } from '../../src/server/canonicalJson';
import type { ConsentKitConfig } from '../../src/core/config';
import { shownNotice } from '../../src/ui/shownText';
import { textsFor } from '../../src/ui/texts';

const webCrypto = (bytes: Uint8Array<ArrayBuffer>) => crypto.subtle.digest('SHA-256', bytes);

const CONFIGS: Array<[string, ConsentKitConfig]> = [
  ['en', {}],
  ['fr', { policyUrl: '/confidentialité', policyVersion: '2018-05-24' }],
  [
    'fr',
    {
      policyUrl: 'https://example.com/privacy?x="1"&y=\\',
      categories: {
        analytics: { services: [{ name: 'Matomo « stats »', provider: 'stats.example', purpose: 'Audience', duration: '13 mois', cookies: ['_pk_id.*', /^_pk_ses/] }] },
        support: { label: 'Chat 💬', description: 'Line\nbreak and \u2028 separator' },
      },
      texts: { fr: { acceptAll: 'J’accepte', support: 'Support' } },
    },
  ],
];

test.each(CONFIGS)('the notice in %s hashes to what the ledger computes from the uploaded JSON', async (language, input) => {
  const { config } = normalizeConfig(input);
  const notice = shownNotice(config, textsFor(language, config.texts), language);
  const digest = createNoticeDigest(() => notice, webCrypto);
  await digest.hashNotice();
  // The ledger receives the JSON, parses it and recomputes the hash from its own canonical form.
  const received: unknown = JSON.parse(digest.noticeJson());
  expect(digest.noticeJson()).toBe(ledgerCanonicalJson(received));
  expect(digest.noticeJson()).toBe(ledgerCanonicalJson(notice));
  expect(digest.currentHash()).toBe('sha256:' + sha256Hex(ledgerCanonicalJson(received)));
  expect(digest.currentHash()).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(received).toMatchObject({ v: 1, language });
});

test('canonicalJson sorts keys by UTF-16 code units at every depth, keeps array order, and agrees with the ledger', () => {
  const value = { z: 1, a: [3, { y: null, b: true, B: 'x' }], é: 'accent', '\u{1F600}': 'astral', 'ｚ': 'wide', '': 0, n: -1.5e-7, s: 'quote " and \\ and \u0007' };
  expect(canonicalJson(value)).toBe(ledgerCanonicalJson(value));
  expect(canonicalJson({ b: 1, a: { d: [], c: {} } })).toBe('{"a":{"c":{},"d":[]},"b":1}');
  // Members whose value is undefined are left out, as JSON.stringify leaves them out.
  expect(canonicalJson({ b: undefined, a: 1 })).toBe('{"a":1}');
});

test('the fallback digest is the 64-bit digest of the same canonical JSON, so an archived notice can be matched to it', () => {
  const { config } = normalizeConfig({});
  const notice = shownNotice(config, textsFor('en', config.texts), 'en');
  const digest = createNoticeDigest(() => notice);
  expect(digest.currentHash()).toBeUndefined();
  expect(shownHash(digest.noticeJson())).toBe(shownHash(ledgerCanonicalJson(notice)));
});

test('a Web Crypto that fails leaves the 64-bit digest, and never rejects', async () => {
  const digest = createNoticeDigest(() => ({ v: 1, language: 'en' }), () => Promise.reject(new Error('NotSupportedError')));
  await expect(digest.hashNotice()).resolves.toBeUndefined();
  expect(digest.currentHash()).toBeUndefined();
});

test('the notice is built once, when first asked for, and hashed once', async () => {
  let builds = 0;
  let hashes = 0;
  const digest = createNoticeDigest(
    () => (builds++, { v: 1, language: 'en' }),
    (bytes) => (hashes++, webCrypto(bytes)),
  );
  expect(builds).toBe(0);
  await Promise.all([digest.hashNotice(), digest.hashNotice()]);
  digest.noticeJson();
  expect([builds, hashes]).toEqual([1, 1]);
});
