import type { Acknowledgement, LocalReceipt } from '../core/acknowledgement';
import type { ReceiptSource } from '../core/receipt';
import type { Notice } from '../ui/shownText';

/** A purpose in the Kantara Consent Receipt v1.1 shape. */
export interface KantaraPurpose {
  purpose: string;
  purposeCategory: string[];
  /** `EXPLICIT` for a choice the visitor made; `IMPLIED` for what the site needs to work. */
  consentType: 'EXPLICIT' | 'IMPLIED';
  piiCategory: string[];
  primaryPurpose: boolean;
  termination: string;
  thirdPartyDisclosure: boolean;
  thirdPartyName?: string;
}

/** The data controller in the Kantara shape. */
export interface KantaraController {
  piiController: string;
  contact: string;
  address: string;
  email: string;
  phone: string;
  piiControllerUrl?: string;
}

/** A Kantara Initiative Consent Receipt, specification v1.1. */
export interface KantaraReceipt {
  version: 'KI-CR-v1.1.0';
  jurisdiction: string;
  /** Seconds since the epoch. */
  consentTimestamp: number;
  collectionMethod: string;
  consentReceiptID: string;
  language: string;
  piiPrincipalId: string;
  piiControllers: KantaraController[];
  policyUrl: string;
  services: Array<{ service: string; purposes: KantaraPurpose[] }>;
  sensitive: boolean;
  spiCat: string[];
  /** Extension: the receipt's `shownHash`, the reference of the notice the visitor was shown. */
  noticeHash: string;
  /** Extension: that notice, its texts layer by layer, when given in the options (from `ck.access()`'s `notices`). */
  notice?: Notice;
  /** Extension: the ledger's signed acknowledgement, when the receipt holds one. */
  ack?: Acknowledgement;
}

export interface KantaraOptions {
  /** Where the consent applies, e.g. `FR`. */
  jurisdiction: string;
  /** Who collects the consent. */
  controller: KantaraController;
  /** The service consented to. @default 'website' */
  service?: string;
  /** Absolute privacy policy URL, when the receipt holds a relative one. @default the receipt's policy URL */
  policyUrl?: string;
  /** Per category id: overrides of the purpose (label, Kantara categories, third parties…). @default {} */
  purposes?: Record<string, Partial<KantaraPurpose>>;
  /** The notice the receipt was given under, e.g. `(await ck.access()).notices[receipt.shownHash]`. @default none: only its hash */
  notice?: Notice | null;
}

const COLLECTION_METHODS: Record<ReceiptSource, string> = {
  banner: 'web banner',
  preferences: 'web preferences dialog',
  'settings-button': 'web preferences dialog',
  placeholder: 'web content placeholder',
  api: 'website script',
  gpc: 'Global Privacy Control signal',
};

/** Defaults from the Kantara v1.1 purpose and personal-data categories. */
const PURPOSE_DEFAULTS: Record<string, { purposeCategory: string; piiCategory: string }> = {
  necessary: { purposeCategory: 'Core Function', piiCategory: 'Network/Service' },
  preferences: { purposeCategory: 'Personalized Experience', piiCategory: 'Network/Service' },
  analytics: { purposeCategory: 'Improve Performance', piiCategory: 'Behavioral' },
  marketing: { purposeCategory: 'Marketing Third Parties', piiCategory: 'Behavioral' },
};

/**
 * Exports a receipt in the Kantara Consent Receipt v1.1 shape. Only granted
 * categories become purposes: a receipt records what was agreed to. Three
 * members the specification lacks are added: `noticeHash` (always), the
 * `notice` itself when given, and the ledger's `ack` when the receipt has one.
 */
export function toKantaraReceipt(receipt: LocalReceipt, options: KantaraOptions): KantaraReceipt {
  const purposes = Object.keys(receipt.categories)
    .filter((id) => receipt.categories[id] === true)
    .map((id): KantaraPurpose => {
      const { purposeCategory, piiCategory } = PURPOSE_DEFAULTS[id] ?? PURPOSE_DEFAULTS.necessary!;
      return {
        purpose: id,
        purposeCategory: [purposeCategory],
        consentType: id === 'necessary' ? 'IMPLIED' : 'EXPLICIT',
        piiCategory: [piiCategory],
        primaryPurpose: id === 'necessary',
        termination: id === 'necessary' ? 'end of the session or of the account' : 'withdrawal at any time, or expiry of the decision',
        thirdPartyDisclosure: id === 'marketing',
        ...options.purposes?.[id],
      };
    });
  return {
    version: 'KI-CR-v1.1.0',
    jurisdiction: options.jurisdiction,
    consentTimestamp: Math.floor(Date.parse(receipt.timestamp) / 1000),
    collectionMethod: COLLECTION_METHODS[receipt.source] ?? receipt.source,
    consentReceiptID: receipt.id,
    language: receipt.language,
    piiPrincipalId: receipt.subject,
    piiControllers: [options.controller],
    policyUrl: options.policyUrl ?? receipt.policy.url ?? '',
    services: [{ service: options.service ?? 'website', purposes }],
    sensitive: false,
    spiCat: [],
    noticeHash: receipt.shownHash,
    ...(options.notice && { notice: options.notice }),
    ...(receipt.ack && { ack: receipt.ack }),
  };
}
