import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { canonicalJson, type LedgerStore, type StatsRow, type StatsStore } from '../../../src/server/index';
import { buildStatsReport } from '../../../src/server/stats/buildStatsReport';
import { bruteForceReport } from './bruteForceReport';
import { FIRST_DAY, LAST_DAY, appendAll, generateReceipts, type Generated } from './generateReceipts';

export interface StatsFixture {
  ledger: LedgerStore;
  stats: StatsStore;
  close(): Promise<void>;
}

/** Rolls up until nothing is left, as the background timer and a stats request do. */
export async function rollUpAll(stats: StatsStore): Promise<void> {
  while ((await stats.rollUp(5000)) > 0);
}

const report = async (stats: StatsStore, from = FIRST_DAY, to = LAST_DAY) => buildStatsReport(from, to, await stats.summary(from, to), false);
const sorted = (rows: StatsRow[]) => [...rows].sort((a, b) => `${a.day} ${a.metric} ${a.key}`.localeCompare(`${b.day} ${b.metric} ${b.key}`));

/** The same checks against any StatsStore on its ledger: `open` gives a fresh empty ledger and its statistics. */
export function statsStoreContract(name: string, open: () => Promise<StatsFixture>): void {
  describe(`${name}: aggregates of a generated ledger of 100,000 receipts`, () => {
    let fixture: StatsFixture;
    let generated: Generated[];
    beforeAll(async () => {
      fixture = await open();
      generated = generateReceipts(100_000);
      await appendAll(fixture.ledger, generated);
      await rollUpAll(fixture.stats);
    }, 240_000);
    afterAll(() => fixture?.close());

    test('equal a brute-force count over every receipt, for the whole range and for part of it', async () => {
      expect(generated.some((g) => g.receipt.action === 'withdraw')).toBe(true);
      expect(await report(fixture.stats)).toEqual(bruteForceReport(generated, FIRST_DAY, LAST_DAY));
      expect(await report(fixture.stats, '2026-10-11', '2026-10-20')).toEqual(bruteForceReport(generated, '2026-10-11', '2026-10-20'));
      // October whole from the monthly totals, with days of November added from the daily rows.
      expect(await report(fixture.stats, '2026-10-01', '2026-11-03')).toEqual(bruteForceReport(generated, '2026-10-01', '2026-11-03'));
      expect(await report(fixture.stats, '2026-09-20', '2026-10-31')).toEqual(bruteForceReport(generated, '2026-09-20', '2026-10-31'));
    }, 60_000);

    test('a second roll-up with nothing new changes nothing', async () => {
      const before = sorted(await fixture.stats.rows(FIRST_DAY, LAST_DAY));
      expect(await fixture.stats.rollUp(5000)).toBe(0);
      expect(sorted(await fixture.stats.rows(FIRST_DAY, LAST_DAY))).toEqual(before);
    });

    test('erasing subjects already counted leaves the aggregates unchanged', async () => {
      const before = sorted(await fixture.stats.rows(FIRST_DAY, LAST_DAY));
      const subjects = [...new Set(generated.filter((g) => g.receipt.action === 'withdraw').map((g) => g.receipt.subject))].slice(0, 100);
      for (const subject of subjects) expect(await fixture.ledger.erase(subject, '2026-11-20T00:00:00.000Z')).not.toBeNull();
      await rollUpAll(fixture.stats);
      expect(sorted(await fixture.stats.rows(FIRST_DAY, LAST_DAY))).toEqual(before);
    }, 60_000);

    test('erasing subjects before their receipts were rolled up loses no count: the trigger keeps what is counted', async () => {
      const more = generateReceipts(3000, 99).filter((g) => g.receipt.action !== 'withdraw');
      await appendAll(fixture.ledger, more);
      const subjects = [...new Set(more.map((g) => g.receipt.subject))].filter((_, i) => i % 5 === 0);
      for (const subject of subjects) await fixture.ledger.erase(subject, '2026-11-20T00:00:00.000Z');
      await rollUpAll(fixture.stats);
      expect(await report(fixture.stats)).toEqual(bruteForceReport([...generated, ...more].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)), FIRST_DAY, LAST_DAY));
    }, 120_000);
  });

  describe(`${name}: the store`, () => {
    let fixture: StatsFixture;
    beforeAll(async () => {
      fixture = await open();
    });
    afterAll(() => fixture?.close());

    const entry = (receipt: Record<string, unknown>) => ({ id: receipt.id as string, subject: receipt.subject as string, timestamp: receipt.timestamp as string, previous: null, body: canonicalJson(receipt), flags: [] });
    const base = { timestamp: '2026-11-02T10:00:00.000Z', source: 'banner', policy: { version: '1', url: null }, language: 'fr', previous: null, shownHash: '0f1e2d3c4b5a6978', gpc: false };

    test('a withdrawal erased before it was counted counts every category it leaves refused as withdrawn', async () => {
      const subject = 'W'.repeat(21);
      await fixture.ledger.append([entry({ ...base, id: 'a'.repeat(21), subject, action: 'accept-all', categories: { necessary: true, preferences: true, analytics: true, marketing: true } })], { receivedAt: '2026-11-02T10:00:00.000Z' });
      await fixture.ledger.append([entry({ ...base, id: 'b'.repeat(21), subject, action: 'withdraw', categories: { necessary: true, preferences: true, analytics: true, marketing: false } })], { receivedAt: '2026-11-02T11:00:00.000Z' });
      await fixture.ledger.erase(subject, '2026-11-02T12:00:00.000Z');
      await rollUpAll(fixture.stats);
      const totals = (await report(fixture.stats, '2026-11-02', '2026-11-02')).totals;
      expect(totals.decisions).toMatchObject({ 'accept-all': 1, withdraw: 1 });
      expect(totals.categories).toEqual({
        preferences: { granted: 2, refused: 0, withdrawn: 0 },
        analytics: { granted: 2, refused: 0, withdrawn: 0 },
        marketing: { granted: 1, refused: 1, withdrawn: 1 },
      });
    });

    test('names invented by a client beyond 200 a day are counted under "(other)"', async () => {
      const categories: Record<string, boolean> = { necessary: true, preferences: false, analytics: false, marketing: false };
      for (let i = 0; i < 250; i++) categories[`made-up-${i}`] = true;
      await fixture.ledger.append([entry({ ...base, id: 'c'.repeat(21), subject: 'C'.repeat(21), action: 'save', categories })], { receivedAt: '2026-11-03T10:00:00.000Z' });
      await rollUpAll(fixture.stats);
      const granted = (await fixture.stats.rows('2026-11-03', '2026-11-03')).filter((row) => row.metric === 'granted');
      expect(granted).toHaveLength(201);
      expect(granted.find((row) => row.key === '(other)')?.count).toBe(250 - 200);
    });

    test('counts added directly (impressions) add up per day, metric and key', async () => {
      await fixture.stats.add([{ day: '2026-11-04', metric: 'impressions', key: 'fr', count: 2 }]);
      await fixture.stats.add([{ day: '2026-11-04', metric: 'impressions', key: 'fr', count: 3 }, { day: '2026-11-04', metric: 'impressions', key: 'other', count: 1 }]);
      expect(sorted(await fixture.stats.rows('2026-11-04', '2026-11-04'))).toEqual([
        { day: '2026-11-04', metric: 'impressions', key: 'fr', count: 5 },
        { day: '2026-11-04', metric: 'impressions', key: 'other', count: 1 },
      ]);
    });

    test('API tokens: one per name, found by hash, gone once revoked', async () => {
      expect(await fixture.stats.addToken('ci', 'h1', '2026-11-04T00:00:00.000Z')).toBe(true);
      expect(await fixture.stats.addToken('ci', 'h2', '2026-11-04T00:00:00.000Z')).toBe(false);
      expect(await fixture.stats.hasToken('h1')).toBe(true);
      expect(await fixture.stats.hasToken('h2')).toBe(false);
      expect(await fixture.stats.tokens()).toEqual([{ name: 'ci', createdAt: '2026-11-04T00:00:00.000Z' }]);
      expect(await fixture.stats.revokeToken('ci')).toBe(true);
      expect(await fixture.stats.revokeToken('ci')).toBe(false);
      expect(await fixture.stats.hasToken('h1')).toBe(false);
    });
  });
}
