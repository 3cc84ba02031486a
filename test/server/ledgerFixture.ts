import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nanoid } from 'nanoid';
import type { Receipt } from '../../src/core/receipt';
import { startLedgerServer, type LedgerServer, type LedgerServerOptions } from '../../src/server/index';

/** The fixed server time of these tests: receipts are dated just before it. */
export const NOW = Date.parse('2026-11-29T16:00:00.000Z');

export function makeReceipt(overrides: Partial<Receipt> = {}, minutesAgo = 5): Receipt {
  return {
    id: nanoid(),
    subject: nanoid(),
    timestamp: new Date(NOW - minutesAgo * 60_000).toISOString(),
    action: 'accept-all',
    source: 'banner',
    categories: { necessary: true, preferences: true, analytics: true, marketing: true },
    policy: { version: '2018-05-24', url: '/privacy' },
    language: 'fr',
    previous: null,
    shownHash: '0f1e2d3c4b5a6978',
    gpc: false,
    ...overrides,
  };
}

/** A GET answer's receipts without the `ack` the ledger adds to each: the receipts as posted. */
export function withoutAcks(receipts: unknown[]): unknown[] {
  return receipts.map((entry) => {
    const { ack: _ack, ...receipt } = entry as Record<string, unknown>;
    return receipt;
  });
}

export interface TempLedger {
  dir: string;
  db: string;
  server: LedgerServer;
  /** Full URL of a route under /api/consent. */
  at(path: string): string;
  post(receipts: unknown[], headers?: Record<string, string>): Promise<Response>;
  /** The ids of the receipts the ledger holds, one per row: grouped by subject, in receive order within each. */
  storedIds(): Promise<string[]>;
  /** Closes the server and starts a new one on the same file. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A real ledger on 127.0.0.1 with a real SQLite file in a temp folder. */
export async function startTempLedger(options: LedgerServerOptions = {}): Promise<TempLedger> {
  const dir = mkdtempSync(join(tmpdir(), 'consentkit-ledger-'));
  const db = join(dir, 'consent.db');
  const start = () => startLedgerServer({ db, port: 0, clock: () => NOW, rateLimit: false, synchronous: 'normal', ...options });
  const ledger: TempLedger = {
    dir,
    db,
    server: await start(),
    at: (path) => ledger.server.endpoint + path,
    post: (receipts, headers = {}) =>
      fetch(ledger.at('/receipts'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ receipts }),
      }),
    async storedIds() {
      const ids: string[] = [];
      for await (const row of ledger.server.store.rows()) ids.push(row.id);
      return ids;
    },
    async restart() {
      await ledger.server.close();
      ledger.server = await start();
    },
    async close() {
      await ledger.server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return ledger;
}
