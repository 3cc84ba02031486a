import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteConfigStore, hashPassword, startLedgerServer, type LedgerServer, type SqliteStore } from '../../src/server/index';
import type { ActionCounts, StatsAnswer, StatsDay } from '../../src/console/stats/StatsAnswer';

/**
 * A STAND-IN for the ledger's statistics route, for the console's own tests
 * while that route is built elsewhere: a real ledger with its console (real
 * SQLite file, the built console from dist/) behind a small HTTP front that
 * answers `GET {base}/stats` itself, with made-up figures in the shape the
 * statistics contract gives (docs/ledger.md), and passes every other request
 * to the ledger unchanged.
 *
 * It does NOT check the session on `{base}/stats`: that is the real route's
 * job, tested with it. The end-to-end test (consoleStats.test.ts) runs the
 * real route and is what proves the two sides agree.
 */
export interface StatsStandIn {
  /** e.g. http://127.0.0.1:40123/api/consent: the front, which the browser talks to. */
  endpoint: string;
  /** Each `{base}/stats` query received, in order. */
  statsQueries: URLSearchParams[];
  /** Each console write received (method, path, JSON body), in order. */
  writes: Array<{ method: string; path: string; body: unknown }>;
  close(): Promise<void>;
}

export const STAND_IN_ACCOUNT = { name: 'ed', password: 'correct horse battery staple' };
const BASE = '/api/consent';
const DAY_MS = 86_400_000;

const counts = (acceptAll: number, rejectAll: number, dismiss: number, save: number, withdraw: number): ActionCounts => ({ 'accept-all': acceptAll, 'reject-all': rejectAll, dismiss, save, withdraw });

/** Day `index` of a range: numbers a test can predict (accept-all 10, 11, 12, 13, 14, 10…). */
function dayOf(day: string, index: number): StatsDay {
  const decisions = counts(10 + (index % 5), 4 + (index % 3), 2, 3, index % 2);
  return {
    day,
    decisions,
    impressions: 30,
    categories: { analytics: { granted: 12, refused: 8 }, marketing: { granted: 6, refused: 14 } },
  };
}

/** Made-up figures for `from`..`to`, in the contract's shape. */
export function standInStats(from: string, to: string): StatsAnswer {
  const days: StatsDay[] = [];
  for (let ms = Date.parse(from), index = 0; ms <= Date.parse(to); ms += DAY_MS, index++) days.push(dayOf(new Date(ms).toISOString().slice(0, 10), index));
  const sum = (pick: (day: StatsDay) => number) => days.reduce((total, day) => total + pick(day), 0);
  const decisions = counts(sum((d) => d.decisions['accept-all']), sum((d) => d.decisions['reject-all']), sum((d) => d.decisions.dismiss), sum((d) => d.decisions.save), sum((d) => d.decisions.withdraw));
  return {
    from,
    to,
    days,
    totals: {
      decisions,
      bySource: { banner: 60, preferences: 25, 'settings-button': 5, placeholder: 2, api: 1, gpc: 0 },
      byLanguage: { fr: 70, en: 20, de: 3 },
      byReason: { 'first-visit': 80, expired: 6, 'policy-changed': 4, 'new-category': 1, none: 2 },
      gpc: { on: 5, off: 95 },
      impressions: sum((d) => d.impressions),
      categories: { analytics: { granted: 40, refused: 60, withdrawn: 2 }, marketing: { granted: 20, refused: 80, withdrawn: 1 } },
      services: {},
      decisionSeconds: { median: 7, samples: 90 },
    },
    versions: [
      { configVersion: 1, firstDay: from, lastDay: from, decisions: counts(30, 50, 10, 10, 0), categories: { analytics: { granted: 40, refused: 60 }, marketing: { granted: 20, refused: 80 } } },
      { configVersion: 2, firstDay: from, lastDay: to, decisions: counts(60, 20, 10, 10, 1), categories: { analytics: { granted: 70, refused: 30 }, marketing: { granted: 35, refused: 65 } } },
    ],
    notices: [{ shownHash: 'sha256:stand-in', decisions: 100 }],
    impressionsEnabled: true,
  };
}

/** The same figures as CSV, one row per day × metric. */
function csvOf(stats: StatsAnswer): string {
  const rows = ['day,metric,key,count'];
  for (const day of stats.days) for (const [key, count] of Object.entries(day.decisions)) rows.push(`${day.day},decisions,${key},${count}`);
  return rows.join('\n') + '\n';
}

function answerStats(url: URL, res: ServerResponse) {
  const today = new Date().toISOString().slice(0, 10);
  const stats = standInStats(url.searchParams.get('from') ?? new Date(Date.now() - 29 * DAY_MS).toISOString().slice(0, 10), url.searchParams.get('to') ?? today);
  if (url.searchParams.get('format') === 'csv') {
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="stats.csv"', 'cache-control': 'no-store' });
    return void res.end(csvOf(stats));
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(stats));
}

/** Starts the front on 127.0.0.1, then the ledger it fronts, whose public URL is the front's (so the console's same-origin checks hold). */
export async function startStatsStandIn(assets: string): Promise<StatsStandIn> {
  const dir = mkdtempSync(join(tmpdir(), 'consentkit-stats-stand-in-'));
  const statsQueries: URLSearchParams[] = [];
  const writes: StatsStandIn['writes'] = [];
  let ledger: LedgerServer | undefined;
  const front = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://front');
    if (req.method === 'GET' && url.pathname === `${BASE}/stats`) {
      statsQueries.push(url.searchParams);
      return answerStats(url, res);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (req.method !== 'GET' && url.pathname.startsWith(`${BASE}/console/api/`)) {
      let json: unknown = null;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        // Not JSON: recorded as null.
      }
      writes.push({ method: req.method ?? '', path: url.pathname, body: json });
    }
    const target = new URL(ledger!.url);
    const out = forward({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(error));
    });
    out.end(body);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  ledger = await startLedgerServer({ db: join(dir, 'consent.db'), port: 0, publicUrl: origin, synchronous: 'normal', console: { assets } });
  await createSqliteConfigStore((ledger.store as SqliteStore).db).putAccount({ name: STAND_IN_ACCOUNT.name, role: 'editor', passwordHash: await hashPassword(STAND_IN_ACCOUNT.password) });
  return {
    endpoint: origin + BASE,
    statsQueries,
    writes,
    async close() {
      front.closeAllConnections();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await ledger?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
