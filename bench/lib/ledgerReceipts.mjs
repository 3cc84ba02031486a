// Random receipts shaped as the SDK sends them, for the ledger benchmarks.
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A nanoid-shaped id (21 characters of A-Z a-z 0-9 _ -). */
export const randomId = () => Array.from(randomBytes(21), (b) => ALPHABET[b & 63]).join('');

/**
 * @param {string} timestamp ISO time of the decision
 * @param {string} [subject] a new subject when omitted
 */
export const benchReceipt = (timestamp, subject = randomId()) => ({
  id: randomId(),
  subject,
  timestamp,
  action: 'save',
  source: 'preferences',
  categories: { necessary: true, preferences: true, analytics: false, marketing: false },
  policy: { version: '2018-05-24', url: '/privacy' },
  language: 'fr',
  previous: null,
  shownHash: '0f1e2d3c4b5a6978',
  gpc: false,
});
