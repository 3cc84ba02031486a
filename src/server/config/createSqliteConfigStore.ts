import type Database from 'better-sqlite3';
import type { Account, AuditEntry, ConfigStore, ConfigVersion, Draft, Session } from './ConfigStore';
import { diffSiteConfig } from './diffSiteConfig';
import { defaultSiteConfig, type SiteConfig } from './SiteConfig';
import { toVersion, type VersionRow } from './versionRow';
import { migrateSqliteConfig } from './sqliteConfigSchema';

/** better-sqlite3 answers at once. */
export interface SqliteConfigStore extends ConfigStore {
  draft(): Draft;
  publish(actor: string, at: string, restore?: number): ConfigVersion;
  current(): ConfigVersion | null;
  version(number: number): ConfigVersion | null;
  versions(): ConfigVersion[];
  audit(): AuditEntry[];
  account(name: string): Account | null;
  session(idHash: string): Session | null;
}

const VERSION = 'number, config, author, published_at AS publishedAt, restored_from AS restoredFrom, diff';

/**
 * The console's store in the ledger's SQLite file, on the ledger's own
 * connection (`createSqliteStore(path).db`): one file to back up, and the
 * ledger's schema check runs before these tables exist. close() leaves the
 * connection to the ledger store that opened it.
 */
export function createSqliteConfigStore(db: Database.Database): SqliteConfigStore {
  migrateSqliteConfig(db);
  const q = {
    draft: db.prepare<[], { config: string; updatedAt: string | null; updatedBy: string | null }>('SELECT config, updated_at AS updatedAt, updated_by AS updatedBy FROM console_draft WHERE id = 1'),
    saveDraft: db.prepare('INSERT INTO console_draft (id, config, updated_at, updated_by) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at, updated_by = excluded.updated_by'),
    current: db.prepare<[], VersionRow>(`SELECT ${VERSION} FROM console_versions ORDER BY number DESC LIMIT 1`),
    version: db.prepare<[number], VersionRow>(`SELECT ${VERSION} FROM console_versions WHERE number = ?`),
    versions: db.prepare<[], VersionRow>(`SELECT ${VERSION} FROM console_versions ORDER BY number DESC`),
    insertVersion: db.prepare('INSERT INTO console_versions (number, config, author, published_at, restored_from, diff) VALUES (?, ?, ?, ?, ?, ?)'),
    audit: db.prepare<[], Omit<AuditEntry, 'detail'> & { detail: string }>('SELECT seq, at, actor, action, detail FROM console_audit ORDER BY seq'),
    log: db.prepare('INSERT INTO console_audit (at, actor, action, detail) VALUES (?, ?, ?, ?)'),
    putAccount: db.prepare('INSERT INTO console_accounts (name, role, password_hash) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash'),
    account: db.prepare<[string], Account>('SELECT name, role, password_hash AS passwordHash FROM console_accounts WHERE name = ?'),
    createSession: db.prepare('INSERT INTO console_sessions (id_hash, name, role, csrf, expires_at) VALUES (?, ?, ?, ?, ?)'),
    session: db.prepare<[string], Session>('SELECT id_hash AS idHash, name, role, csrf, expires_at AS expiresAt FROM console_sessions WHERE id_hash = ?'),
    deleteSession: db.prepare('DELETE FROM console_sessions WHERE id_hash = ?'),
    purgeSessions: db.prepare('DELETE FROM console_sessions WHERE expires_at < ?'),
  };
  const log = (actor: string, action: string, at: string, detail: unknown = null) => void q.log.run(at, actor, action, JSON.stringify(detail));
  const draft = (): Draft => {
    const row = q.draft.get();
    return row ? { config: JSON.parse(row.config) as SiteConfig, updatedAt: row.updatedAt, updatedBy: row.updatedBy } : { config: defaultSiteConfig(), updatedAt: null, updatedBy: null };
  };

  return {
    draft,
    saveDraft: db.transaction((config: SiteConfig, actor: string, at: string) => {
      const changes = diffSiteConfig(draft().config, config);
      q.saveDraft.run(JSON.stringify(config), at, actor);
      log(actor, 'draft.save', at, changes);
    }),
    publish: (actor, at, restore) =>
      db.transaction(() => {
        const previous = q.current.get();
        const source = restore === undefined ? draft().config : q.version.get(restore) && toVersion(q.version.get(restore)!).config;
        if (!source) throw new RangeError(`there is no version ${restore}`);
        const number = (previous?.number ?? 0) + 1;
        const diff = diffSiteConfig(previous ? JSON.parse(previous.config) : defaultSiteConfig(), source);
        q.insertVersion.run(number, JSON.stringify(source), actor, at, restore ?? null, JSON.stringify(diff));
        if (restore !== undefined) q.saveDraft.run(JSON.stringify(source), at, actor);
        log(actor, restore === undefined ? 'publish' : 'rollback', at, restore === undefined ? { version: number } : { version: number, restoredFrom: restore });
        return toVersion(q.version.get(number)!);
      }).immediate(),
    current: () => {
      const row = q.current.get();
      return row ? toVersion(row) : null;
    },
    version: (number) => {
      const row = q.version.get(number);
      return row ? toVersion(row) : null;
    },
    versions: () => q.versions.all().map(toVersion),
    audit: () => q.audit.all().map((row) => ({ ...row, detail: JSON.parse(row.detail) })),
    log,
    putAccount: (account) => void q.putAccount.run(account.name, account.role, account.passwordHash),
    account: (name) => q.account.get(name) ?? null,
    createSession: (session, now) => {
      // Expired sessions are dropped as new ones are made: no timer to stop.
      q.purgeSessions.run(now);
      q.createSession.run(session.idHash, session.name, session.role, session.csrf, session.expiresAt);
    },
    session: (idHash) => q.session.get(idHash) ?? null,
    deleteSession: (idHash) => void q.deleteSession.run(idHash),
    close: () => undefined,
  };
}
