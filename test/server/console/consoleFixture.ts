import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteConfigStore, hashPassword, startLedgerServer, type LedgerServer, type ServerConsoleOptions, type SqliteStore } from '../../../src/server/index';

/** The stand-in SDK these tests deliver: the HTTP layer is under test here, the real build in the browser tests. */
export const FAKE_SDK = '/* the script-tag build */';

export interface Client {
  /** The session cookie, once signed in. */
  cookie: string | null;
  csrf: string | null;
  /** A request to a path under /api/consent, with this client's cookie (and, for writes, its CSRF token unless `csrf: false`). */
  call(path: string, init?: RequestInit & { csrf?: boolean; json?: unknown }): Promise<Response>;
  signIn(name: string, password: string): Promise<Response>;
}

export interface ConsoleLedger {
  dir: string;
  db: string;
  server: LedgerServer;
  /** Moves the server's clock. */
  advance(ms: number): void;
  client(): Client;
  /** A fresh read-only connection to the SQLite file, to see what was stored. */
  inspect<T>(read: (db: Database.Database) => T): T;
  close(): Promise<void>;
}

export const PASSWORDS = { ed: 'correct horse battery staple', vi: 'viewer password 42' };

/** A real ledger with its console on 127.0.0.1, a real SQLite file, an editor "ed" and a viewer "vi". Stand-in assets unless `assets` is given (the browser tests pass dist/). */
export async function startConsoleLedger(options: ServerConsoleOptions = {}, ledgerOptions: { origins?: string[] } = {}): Promise<ConsoleLedger> {
  const dir = mkdtempSync(join(tmpdir(), 'consentkit-console-'));
  const db = join(dir, 'consent.db');
  writeFileSync(join(dir, 'consentkit.min.js'), FAKE_SDK);
  writeFileSync(join(dir, 'console.js'), '/* console */');
  writeFileSync(join(dir, 'console.css'), '/* console */');
  writeFileSync(join(dir, 'console-preview.js'), '/* preview */');
  let offset = 0;
  const server = await startLedgerServer({ db, port: 0, synchronous: 'normal', clock: () => Date.now() + offset, console: { assets: dir, ...options }, ...ledgerOptions });
  const config = createSqliteConfigStore((server.store as SqliteStore).db);
  config.putAccount({ name: 'ed', role: 'editor', passwordHash: await hashPassword(PASSWORDS.ed) });
  config.putAccount({ name: 'vi', role: 'viewer', passwordHash: await hashPassword(PASSWORDS.vi) });

  const client = (): Client => {
    const self: Client = {
      cookie: null,
      csrf: null,
      async call(path, init = {}) {
        const { csrf = true, json, ...rest } = init;
        const headers = new Headers(rest.headers);
        if (self.cookie) headers.set('cookie', self.cookie);
        const method = (rest.method ?? (json === undefined ? 'GET' : 'POST')).toUpperCase();
        if (method !== 'GET' && csrf && self.csrf) headers.set('x-csrf-token', self.csrf);
        if (json !== undefined) headers.set('content-type', 'application/json');
        return fetch(server.endpoint + path, { ...rest, method, headers, redirect: 'manual', ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
      },
      async signIn(name, password) {
        const response = await self.call('/console/api/sign-in', { json: { name, password } });
        const cookie = response.headers.get('set-cookie');
        if (response.ok && cookie) {
          self.cookie = cookie.split(';')[0]!;
          self.csrf = ((await response.clone().json()) as { csrf: string }).csrf;
        }
        return response;
      },
    };
    return self;
  };

  return {
    dir,
    db,
    server,
    advance: (ms) => void (offset += ms),
    client,
    inspect(read) {
      const connection = new Database(db, { readonly: true });
      try {
        return read(connection);
      } finally {
        connection.close();
      }
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
