import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createPostgresConfigStore, createPostgresStore, createSqliteConfigStore, hashPassword, startLedgerServer, type ConfigStore, type LedgerServer, type PostgresStore, type ServerConsoleOptions, type SqliteStore } from '../../../src/server/index';

/** The stores these tests run on: SQLite always, PostgreSQL too when DATABASE_URL names one (eval "$(scripts/pg-cluster.sh start)"). */
export const STORES: Array<'sqlite' | 'postgres'> = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** The real builds the ledger serves (the script tags, the console): `npm test` builds them first. */
export const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));

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
  /** The first column of every row a query on the console's tables returns (`?` placeholders), read outside the server. */
  column(sql: string, ...params: unknown[]): Promise<unknown[]>;
  /** Runs a statement on the console's tables outside the server (to show what the database refuses). */
  write(sql: string): Promise<void>;
  close(): Promise<void>;
}

export const PASSWORDS = { ed: 'correct horse battery staple', vi: 'viewer password 42' };

/** A real ledger with its console on 127.0.0.1, a real SQLite file (or a PostgreSQL schema of its own), an editor "ed" and a viewer "vi", serving the builds in dist/. */
export async function startConsoleLedger(options: ServerConsoleOptions = {}, ledgerOptions: { origins?: string[] } = {}, kind: 'sqlite' | 'postgres' = 'sqlite'): Promise<ConsoleLedger> {
  const dir = mkdtempSync(join(tmpdir(), 'consentkit-console-'));
  const db = join(dir, 'consent.db');
  let offset = 0;
  // A schema of its own per ledger on PostgreSQL, dropped on close.
  const pg: PostgresStore | undefined = kind === 'postgres' ? await createPostgresStore({ connection: process.env.DATABASE_URL!, schema: `console_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`, poolSize: 4 }) : undefined;
  const server = await startLedgerServer({ ...(pg ? { store: pg } : { db }), port: 0, synchronous: 'normal', clock: () => Date.now() + offset, console: { assets: DIST, ...options }, ...ledgerOptions });
  const config: ConfigStore = pg ? createPostgresConfigStore(pg.pool, pg.schema) : createSqliteConfigStore((server.store as SqliteStore).db);
  await config.putAccount({ name: 'ed', role: 'editor', passwordHash: await hashPassword(PASSWORDS.ed) });
  await config.putAccount({ name: 'vi', role: 'viewer', passwordHash: await hashPassword(PASSWORDS.vi) });

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
    async column(sql, ...params) {
      if (pg) {
        let n = 0;
        const text = sql.replace(/\?/g, () => `$${++n}`).replace(/\bconsole_/g, `${pg.schema}.console_`);
        // count(*) is a bigint, which pg returns as a string.
        return (await pg.pool.query({ text, values: params, rowMode: 'array' })).rows.map((row: unknown[]) => (typeof row[0] === 'string' && /^count/i.test(sql.replace(/^SELECT\s+/i, '')) ? Number(row[0]) : row[0]));
      }
      const connection = new Database(db, { readonly: true });
      try {
        return connection.prepare(sql).pluck().all(...params);
      } finally {
        connection.close();
      }
    },
    async write(sql) {
      if (pg) return void (await pg.pool.query(sql.replace(/\bconsole_/g, `${pg.schema}.console_`)));
      const connection = new Database(db);
      try {
        connection.prepare(sql).run();
      } finally {
        connection.close();
      }
    },
    async close() {
      await server.close();
      if (pg) {
        await pg.pool.query(`DROP SCHEMA ${pg.schema} CASCADE`);
        await pg.close();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
