import { expect, test } from 'vitest';
import { defaultSiteConfig, type ConfigStore } from '../../../src/server/index';

/**
 * What every ConfigStore must do, run against each store by passing a factory
 * that opens a fresh, empty one (and its cleanup).
 */
export function configStoreContract(name: string, open: () => Promise<{ store: ConfigStore; close(): Promise<void> }>) {
  test(`${name}: a fresh store has the default draft, no version, an empty audit log`, async () => {
    const { store, close } = await open();
    try {
      expect(await store.draft()).toEqual({ config: defaultSiteConfig(), updatedAt: null, updatedBy: null });
      expect(await store.current()).toBeNull();
      expect(await store.versions()).toEqual([]);
      expect(await store.audit()).toEqual([]);
    } finally {
      await close();
    }
  });

  test(`${name}: drafts, numbered versions with diffs, rollback, audit in order`, async () => {
    const { store, close } = await open();
    try {
      const edited = defaultSiteConfig();
      edited.texts.fr = { title: 'Vos cookies' };
      edited.categories.push({ id: 'support', services: [{ name: 'Chat', cookies: ['_chat'] }] });
      await store.saveDraft(edited, 'ed', '2026-12-01T10:00:00.000Z');
      expect(await store.draft()).toEqual({ config: edited, updatedAt: '2026-12-01T10:00:00.000Z', updatedBy: 'ed' });
      const v1 = await store.publish('ed', '2026-12-01T10:01:00.000Z');
      expect(v1).toMatchObject({ number: 1, author: 'ed', publishedAt: '2026-12-01T10:01:00.000Z', restoredFrom: null, config: edited });
      expect(v1.diff).toEqual([{ path: 'categories.support', after: { id: 'support', services: [{ name: 'Chat', cookies: ['_chat'] }] } }, { path: 'texts.fr.title', after: 'Vos cookies' }]);
      const second = structuredClone(edited);
      second.policyVersion = '2';
      await store.saveDraft(second, 'ed', '2026-12-01T11:00:00.000Z');
      await store.publish('ed', '2026-12-01T11:01:00.000Z');
      const v3 = await store.publish('al', '2026-12-01T12:00:00.000Z', 1);
      expect(v3).toMatchObject({ number: 3, restoredFrom: 1, author: 'al', config: edited, diff: [{ path: 'policyVersion', before: '2', after: '1' }] });
      expect((await store.draft()).config).toEqual(edited);
      expect((await store.current())?.number).toBe(3);
      expect((await store.version(2))?.config.policyVersion).toBe('2');
      expect(await store.version(9)).toBeNull();
      expect((await store.versions()).map((v) => v.number)).toEqual([3, 2, 1]);
      await expect(Promise.resolve().then(() => store.publish('ed', '2026-12-01T13:00:00.000Z', 9))).rejects.toThrow(RangeError);
      expect((await store.versions()).length).toBe(3);
      const audit = await store.audit();
      expect(audit.map((entry) => [entry.actor, entry.action])).toEqual([['ed', 'draft.save'], ['ed', 'publish'], ['ed', 'draft.save'], ['ed', 'publish'], ['al', 'rollback']]);
      expect(audit.map((entry) => entry.seq)).toEqual([...audit.map((entry) => entry.seq)].sort((a, b) => a - b));
      expect(audit[4]?.detail).toEqual({ version: 3, restoredFrom: 1 });
      // Key order survives storage, so a diff never reports a reordering that did not happen.
      expect(Object.keys((await store.version(1))!.config)).toEqual(Object.keys(edited));
    } finally {
      await close();
    }
  });

  test(`${name}: accounts are replaced by name; sessions are found by hash, deleted, and expired ones dropped when a new one is made`, async () => {
    const { store, close } = await open();
    try {
      await store.putAccount({ name: 'ed', role: 'editor', passwordHash: 'scrypt$1' });
      await store.putAccount({ name: 'ed', role: 'viewer', passwordHash: 'scrypt$2' });
      expect(await store.account('ed')).toEqual({ name: 'ed', role: 'viewer', passwordHash: 'scrypt$2' });
      expect(await store.account('nobody')).toBeNull();
      const session = { idHash: 'h1', name: 'ed', role: 'viewer' as const, csrf: 'c1', expiresAt: 1_000 };
      await store.createSession(session, 0);
      expect(await store.session('h1')).toEqual(session);
      await store.createSession({ ...session, idHash: 'h2', expiresAt: 5_000 }, 2_000);
      expect(await store.session('h1')).toBeNull();
      await store.deleteSession('h2');
      expect(await store.session('h2')).toBeNull();
    } finally {
      await close();
    }
  });
}
