import { expect, test } from 'vitest';
import type { Receipt } from '../../src/core/receipt';
import { normalizeConfig } from '../../src/core/normalizeConfig';
import { toKantaraReceipt } from '../../src/sync/toKantaraReceipt';
import { shownNotice } from '../../src/ui/shownText';
import { textsFor } from '../../src/ui/texts';

const receipt: Receipt = {
  id: 'V1StGXR8_Z5jdHi6B-myT',
  subject: 'sub_0123456789abcdefghi',
  timestamp: '2026-11-29T16:00:00.000Z',
  action: 'save',
  source: 'preferences',
  categories: { necessary: true, preferences: false, analytics: true, marketing: false },
  policy: { version: '2018-05-24', url: 'https://livestorm.example/privacy' },
  language: 'fr',
  previous: null,
  shownHash: 'abc',
  gpc: false,
};
const controller = { piiController: 'LIVESTORM', contact: 'DPO', address: '24, rue Rodier, 75009 Paris', email: 'privacy@livestorm.co', phone: '' };

test('a receipt in the Kantara Consent Receipt v1.1 shape: granted categories become purposes', () => {
  const kantara = toKantaraReceipt(receipt, { jurisdiction: 'FR', controller, purposes: { analytics: { purpose: 'Audience statistics' } } });
  expect(kantara).toMatchObject({
    version: 'KI-CR-v1.1.0',
    jurisdiction: 'FR',
    consentTimestamp: 1795968000,
    collectionMethod: 'web preferences dialog',
    consentReceiptID: receipt.id,
    piiPrincipalId: receipt.subject,
    policyUrl: 'https://livestorm.example/privacy',
    language: 'fr',
    piiControllers: [controller],
    sensitive: false,
  });
  expect(kantara.services).toHaveLength(1);
  expect(kantara.services[0]?.purposes.map((p) => [p.purpose, p.consentType, p.purposeCategory])).toEqual([
    ['necessary', 'IMPLIED', ['Core Function']],
    ['Audience statistics', 'EXPLICIT', ['Improve Performance']],
  ]);
});

test('a refusal lists only what the site needs to work', () => {
  const refusal = toKantaraReceipt({ ...receipt, action: 'reject-all', source: 'banner', categories: { necessary: true, analytics: false } }, { jurisdiction: 'FR', controller });
  expect(refusal.collectionMethod).toBe('web banner');
  expect(refusal.services[0]?.purposes.map((p) => p.purpose)).toEqual(['necessary']);
});

test('the export names the notice shown, includes its text when given, and the ledger acknowledgement the receipt holds', () => {
  const { config } = normalizeConfig({ policyUrl: '/privacy' });
  const notice = shownNotice(config, textsFor('fr', config.texts), 'fr');
  const ack = { v: 1 as const, receipt: receipt.id, subject: receipt.subject, hash: 'h', receivedAt: '2026-11-29T16:00:01.000Z', keyId: 'k1', signature: 'sig' };
  const full = toKantaraReceipt({ ...receipt, ack }, { jurisdiction: 'FR', controller, notice });
  expect(full).toMatchObject({ noticeHash: 'abc', notice: { language: 'fr', banner: { buttons: ['Tout accepter', 'Tout refuser', 'Personnaliser', 'Continuer sans accepter'] } }, ack });
  // Without them, the reference alone.
  const bare = toKantaraReceipt(receipt, { jurisdiction: 'FR', controller, notice: null });
  expect(bare.noticeHash).toBe('abc');
  expect('notice' in bare || 'ack' in bare).toBe(false);
});
