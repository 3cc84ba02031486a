import type { Receipt } from '../../../src/core/receipt';
import { canonicalJson, type LedgerEntry, type LedgerStore } from '../../../src/server/index';

/** A receipt as the ledger stored it, and the UTC day it was received on. */
export interface Generated {
  day: string;
  receipt: Receipt & { configVersion?: number; decisionSeconds?: number; services?: Record<string, boolean> };
}

/** A small seeded generator (mulberry32): the same ledger on every run and on both stores. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const id = () => Array.from({ length: 21 }, () => pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'.split(''))).join('');
  return { next, pick, id };
}

export const FIRST_DAY = '2026-10-01';
export const DAYS = 40;
export const LAST_DAY = new Date(Date.parse(FIRST_DAY) + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
/** Tags as browsers send them, with the language each counts under (an unknown tag counts as `other`). */
export const LANGUAGES: Record<string, string> = { fr: 'fr', en: 'en', 'en-GB': 'en', 'de-AT': 'de', FR: 'fr', xx: 'other', 'pt-BR': 'pt' };

/**
 * `count` receipts from visitors who decide one to four times over 40 days:
 * every action, source, reason, language, GPC, configuration version (or none),
 * decision time (or none), a site category of its own, services on some, and
 * withdrawals that refuse some of what was granted. In receive order.
 */
export function generateReceipts(count: number, seed = 17): Generated[] {
  const { next, pick, id } = random(seed);
  const all: Generated[] = [];
  while (all.length < count) {
    const subject = id();
    let previous: string | null = null;
    let categories: Record<string, boolean> = { necessary: true, preferences: false, analytics: false, marketing: false, support: false };
    let dayIndex = Math.floor(next() * DAYS);
    const decisions = 1 + Math.floor(next() * 4);
    for (let n = 0; n < decisions && all.length < count; n++) {
      const action = n === 0 ? pick(['accept-all', 'reject-all', 'dismiss', 'save'] as const) : pick(['accept-all', 'reject-all', 'dismiss', 'save', 'withdraw', 'withdraw'] as const);
      if (action === 'accept-all') categories = { necessary: true, preferences: true, analytics: true, marketing: true, support: true };
      else if (action === 'reject-all' || action === 'dismiss') categories = { necessary: true, preferences: false, analytics: false, marketing: false, support: false };
      else if (action === 'save') categories = { necessary: true, preferences: next() < 0.5, analytics: next() < 0.5, marketing: next() < 0.3, support: next() < 0.5 };
      else categories = { ...categories, [pick(['preferences', 'analytics', 'marketing', 'support'])]: false, ...(next() < 0.3 ? { analytics: false } : {}) };
      const receipt: Generated['receipt'] = {
        id: id(),
        subject,
        timestamp: new Date(Date.parse(FIRST_DAY) + dayIndex * 86_400_000 + Math.floor(next() * 86_000_000)).toISOString(),
        action,
        source: pick(['banner', 'preferences', 'settings-button', 'placeholder', 'api', 'gpc'] as const),
        categories: { ...categories },
        policy: { version: pick(['2018-05-24', '2026-11-01']), url: '/privacy' },
        language: pick(Object.keys(LANGUAGES)),
        previous,
        shownHash: pick(['0f1e2d3c4b5a6978', '1a2b3c4d5e6f7081', 'sha256:' + 'ab'.repeat(32)]),
        gpc: next() < 0.1,
      };
      const reason = pick(['first-visit', 'expired', 'policy-changed', 'new-category', 'subject-erased', undefined] as const);
      if (reason) receipt.reason = reason;
      if (next() < 0.8) receipt.configVersion = pick([1, 2, 3]);
      if (next() < 0.7) receipt.decisionSeconds = Math.min(3600, Math.floor(-Math.log(1 - next()) * 8));
      if (next() < 0.3) receipt.services = { youtube: next() < 0.5, 'ad-pixel': next() < 0.3 };
      all.push({ day: new Date(Date.parse(FIRST_DAY) + dayIndex * 86_400_000).toISOString().slice(0, 10), receipt });
      previous = receipt.id;
      dayIndex = Math.min(DAYS - 1, dayIndex + Math.floor(next() * 5));
    }
  }
  // By day (a stable sort: a visitor's receipts of one day keep their order), as the ledger would receive them.
  return all.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** Appends straight through the store, in big batches of one day each (receivedAt is per batch). */
export async function appendAll(store: LedgerStore, generated: readonly Generated[], batch = 2000): Promise<void> {
  let at = 0;
  while (at < generated.length) {
    const day = generated[at]!.day;
    const entries: LedgerEntry[] = [];
    for (; at < generated.length && entries.length < batch && generated[at]!.day === day; at++) {
      const { receipt } = generated[at]!;
      entries.push({ id: receipt.id, subject: receipt.subject, timestamp: receipt.timestamp, previous: receipt.previous, body: canonicalJson(receipt), flags: [] });
    }
    const result = await store.append(entries, { receivedAt: `${day}T12:00:00.000Z` });
    if (result.status !== 'stored' || result.stored.length !== entries.length) throw new Error(`append failed: ${JSON.stringify(result).slice(0, 200)}`);
  }
}
