import type { MaybePromise } from '../types';
import type { ConfigChange } from './diffSiteConfig';
import type { SiteConfig } from './SiteConfig';

/** An editor edits the draft and publishes; a viewer reads everything and changes nothing. */
export type Role = 'editor' | 'viewer';

export interface Account {
  name: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash`, see hashPassword. */
  passwordHash: string;
}

export interface Session {
  /** SHA-256 of the cookie's token: a stolen database holds no usable session. */
  idHash: string;
  name: string;
  role: Role;
  /** Compared in constant time with the `x-csrf-token` header of every write. */
  csrf: string;
  /** ms since the epoch. */
  expiresAt: number;
}

export interface Draft {
  config: SiteConfig;
  /** ISO time of the last save, null before the first. */
  updatedAt: string | null;
  updatedBy: string | null;
}

/** An immutable published configuration. */
export interface ConfigVersion {
  /** 1, 2, 3…: never reused. */
  number: number;
  config: SiteConfig;
  author: string;
  publishedAt: string;
  /** The version republished by a rollback, else null. */
  restoredFrom: number | null;
  /** From the version published before it (empty for the first). */
  diff: ConfigChange[];
}

/** One line of the audit log: who did what, when. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  /** `draft.save`, `publish`, `rollback`, `user.add`, `sign-in`, `sign-in.failed`, `sign-out`. */
  action: string;
  /** The version published, the changes saved, the account added. */
  detail: unknown;
}

/**
 * Where the console keeps the configuration, its versions, the audit log,
 * accounts and sessions. Methods may answer now (SQLite) or later (a
 * networked database); callers always await them.
 */
export interface ConfigStore {
  draft(): MaybePromise<Draft>;
  /** Replaces the draft and logs `draft.save` with the diff from the previous draft. */
  saveDraft(config: SiteConfig, actor: string, at: string): MaybePromise<void>;
  /**
   * Publishes a new version: the draft, or (rollback) the config of version `restore`,
   * which then also becomes the draft. Logs `publish` or `rollback`. The caller validates first.
   */
  publish(actor: string, at: string, restore?: number): MaybePromise<ConfigVersion>;
  /** The version visitors get, or null before the first publish. */
  current(): MaybePromise<ConfigVersion | null>;
  version(number: number): MaybePromise<ConfigVersion | null>;
  /** Newest first. */
  versions(): MaybePromise<ConfigVersion[]>;
  /** Oldest first. */
  audit(): MaybePromise<AuditEntry[]>;
  log(actor: string, action: string, at: string, detail?: unknown): MaybePromise<void>;
  /** Adds or replaces an account (a new password, a new role). */
  putAccount(account: Account): MaybePromise<void>;
  account(name: string): MaybePromise<Account | null>;
  /** Stores a new session and drops those expired before `now` (ms). */
  createSession(session: Session, now: number): MaybePromise<void>;
  /** The session, unless it does not exist (expired ones are the caller's to refuse). */
  session(idHash: string): MaybePromise<Session | null>;
  deleteSession(idHash: string): MaybePromise<void>;
  close(): MaybePromise<void>;
}
