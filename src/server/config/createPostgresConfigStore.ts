import { inPgTransaction } from '../inPgTransaction';
import type { Pool } from 'pg';
import type { Account, AuditEntry, ConfigStore, Draft, Session } from './ConfigStore';
import { diffSiteConfig } from './diffSiteConfig';
import { defaultSiteConfig, type SiteConfig } from './SiteConfig';
import { toVersion, type VersionRow } from './versionRow';

/** Same tables as on SQLite, in the ledger's schema; configs kept as text (jsonb would reorder their keys). */
const TABLES = (s: string) => `
CREATE TABLE IF NOT EXISTS ${s}.console_draft (id integer PRIMARY KEY CHECK (id = 1), config text NOT NULL, updated_at text, updated_by text);
CREATE TABLE IF NOT EXISTS ${s}.console_versions (number integer PRIMARY KEY, config text NOT NULL, author text NOT NULL, published_at text NOT NULL, restored_from integer, diff text NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.console_audit (seq bigserial PRIMARY KEY, at text NOT NULL, actor text NOT NULL, action text NOT NULL, detail text NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.console_accounts (name text PRIMARY KEY, role text NOT NULL CHECK (role IN ('editor', 'viewer')), password_hash text NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.console_sessions (id_hash text PRIMARY KEY, name text NOT NULL, role text NOT NULL, csrf text NOT NULL, expires_at bigint NOT NULL);
CREATE OR REPLACE FUNCTION ${s}.console_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
DROP TRIGGER IF EXISTS console_versions_immutable ON ${s}.console_versions;
CREATE TRIGGER console_versions_immutable BEFORE UPDATE OR DELETE ON ${s}.console_versions FOR EACH ROW EXECUTE FUNCTION ${s}.console_refuse();
DROP TRIGGER IF EXISTS console_audit_append_only ON ${s}.console_audit;
CREATE TRIGGER console_audit_append_only BEFORE UPDATE ON ${s}.console_audit FOR EACH ROW EXECUTE FUNCTION ${s}.console_refuse();`;

/** A lock key of its own, so two processes starting at once do not both create the tables. */
const MIGRATION_LOCK = 0x636b636f;

const VERSION = 'number, config, author, published_at AS "publishedAt", restored_from AS "restoredFrom", diff';

/**
 * The console's store in the PostgreSQL ledger's database and schema, on its
 * pool (`createPostgresStore(url).pool` and `.schema`). The tables are created
 * on first use. close() leaves the pool to the ledger store.
 */
export function createPostgresConfigStore(pool: Pool, schema = '"consentkit"'): ConfigStore {
  const s = schema;
  const ready = inPgTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(TABLES(s));
  });
  // Awaited by every call; a failure surfaces on the first one.
  ready.catch(() => undefined);
  const query = async <T>(text: string, values: unknown[] = []) => {
    await ready;
    return (await pool.query(text, values)).rows as T[];
  };
  const draft = async (): Promise<Draft> => {
    const [row] = await query<{ config: string; updatedAt: string | null; updatedBy: string | null }>(`SELECT config, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM ${s}.console_draft WHERE id = 1`);
    return row ? { config: JSON.parse(row.config) as SiteConfig, updatedAt: row.updatedAt, updatedBy: row.updatedBy } : { config: defaultSiteConfig(), updatedAt: null, updatedBy: null };
  };
  const SAVE_DRAFT = `INSERT INTO ${s}.console_draft (id, config, updated_at, updated_by) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at, updated_by = excluded.updated_by`;
  const LOG = `INSERT INTO ${s}.console_audit (at, actor, action, detail) VALUES ($1, $2, $3, $4)`;

  return {
    draft,
    async saveDraft(config, actor, at) {
      await ready;
      await inPgTransaction(pool, async (client) => {
        await client.query(`LOCK TABLE ${s}.console_draft IN EXCLUSIVE MODE`);
        const [row] = (await client.query<{ config: string }>(`SELECT config FROM ${s}.console_draft WHERE id = 1`)).rows;
        const changes = diffSiteConfig(row ? JSON.parse(row.config) : defaultSiteConfig(), config);
        await client.query(SAVE_DRAFT, [JSON.stringify(config), at, actor]);
        await client.query(LOG, [at, actor, 'draft.save', JSON.stringify(changes)]);
      });
    },
    async publish(actor, at, restore) {
      await ready;
      return inPgTransaction(pool, async (client) => {
        // One publisher at a time: version numbers follow each other with no gap.
        await client.query(`LOCK TABLE ${s}.console_versions IN EXCLUSIVE MODE`);
        const [previous] = (await client.query<VersionRow>(`SELECT ${VERSION} FROM ${s}.console_versions ORDER BY number DESC LIMIT 1`)).rows;
        let source: SiteConfig | undefined;
        if (restore === undefined) {
          const [row] = (await client.query<{ config: string }>(`SELECT config FROM ${s}.console_draft WHERE id = 1`)).rows;
          source = row ? (JSON.parse(row.config) as SiteConfig) : defaultSiteConfig();
        } else {
          const [row] = (await client.query<VersionRow>(`SELECT ${VERSION} FROM ${s}.console_versions WHERE number = $1`, [restore])).rows;
          source = row && toVersion(row).config;
        }
        if (!source) throw new RangeError(`there is no version ${restore}`);
        const number = (previous?.number ?? 0) + 1;
        const diff = diffSiteConfig(previous ? JSON.parse(previous.config) : defaultSiteConfig(), source);
        await client.query(`INSERT INTO ${s}.console_versions (number, config, author, published_at, restored_from, diff) VALUES ($1, $2, $3, $4, $5, $6)`, [number, JSON.stringify(source), actor, at, restore ?? null, JSON.stringify(diff)]);
        if (restore !== undefined) await client.query(SAVE_DRAFT, [JSON.stringify(source), at, actor]);
        await client.query(LOG, [at, actor, restore === undefined ? 'publish' : 'rollback', JSON.stringify(restore === undefined ? { version: number } : { version: number, restoredFrom: restore })]);
        return { number, config: source, author: actor, publishedAt: at, restoredFrom: restore ?? null, diff };
      });
    },
    current: async () => {
      const [row] = await query<VersionRow>(`SELECT ${VERSION} FROM ${s}.console_versions ORDER BY number DESC LIMIT 1`);
      return row ? toVersion(row) : null;
    },
    version: async (number) => {
      const [row] = await query<VersionRow>(`SELECT ${VERSION} FROM ${s}.console_versions WHERE number = $1`, [number]);
      return row ? toVersion(row) : null;
    },
    versions: async () => (await query<VersionRow>(`SELECT ${VERSION} FROM ${s}.console_versions ORDER BY number DESC`)).map(toVersion),
    audit: async () =>
      (await query<Omit<AuditEntry, 'detail' | 'seq'> & { seq: string; detail: string }>(`SELECT seq, at, actor, action, detail FROM ${s}.console_audit ORDER BY seq`)).map((row) => ({ ...row, seq: Number(row.seq), detail: JSON.parse(row.detail) })),
    log: async (actor, action, at, detail = null) => void (await query(LOG, [at, actor, action, JSON.stringify(detail)])),
    putAccount: async (account: Account) =>
      void (await query(`INSERT INTO ${s}.console_accounts (name, role, password_hash) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash`, [account.name, account.role, account.passwordHash])),
    account: async (name) => (await query<Account>(`SELECT name, role, password_hash AS "passwordHash" FROM ${s}.console_accounts WHERE name = $1`, [name]))[0] ?? null,
    createSession: async (session: Session, now: number) => {
      await query(`DELETE FROM ${s}.console_sessions WHERE expires_at < $1`, [now]);
      await query(`INSERT INTO ${s}.console_sessions (id_hash, name, role, csrf, expires_at) VALUES ($1, $2, $3, $4, $5)`, [session.idHash, session.name, session.role, session.csrf, session.expiresAt]);
    },
    session: async (idHash) => {
      const [row] = await query<Omit<Session, 'expiresAt'> & { expiresAt: string }>(`SELECT id_hash AS "idHash", name, role, csrf, expires_at AS "expiresAt" FROM ${s}.console_sessions WHERE id_hash = $1`, [idHash]);
      return row ? { ...row, expiresAt: Number(row.expiresAt) } : null;
    },
    deleteSession: async (idHash) => void (await query(`DELETE FROM ${s}.console_sessions WHERE id_hash = $1`, [idHash])),
    close: async () => {
      await ready.catch(() => undefined);
    },
  };
}
