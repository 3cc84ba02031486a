import { readFileSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { nanoid } from 'nanoid';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Receipt } from '../../../src/core/receipt';
import { addApiToken, createPostgresConfigStore, createPostgresStatsStore, createSqliteConfigStore, createSqliteStatsStore, revokeApiToken, type PostgresStore, type SqliteStore, type StatsReport } from '../../../src/server/index';
import { PASSWORDS, STORES, startConsoleLedger, type Client, type ConsoleLedger } from '../console/consoleFixture';

const FORWARDED = '203.0.113.7';

for (const kind of STORES) describe(kind, () => {
  let ledger: ConsoleLedger;
  let editor: Client;
  let token: string;
  const stats = () => {
    const store = ledger.server.store as Partial<SqliteStore & PostgresStore>;
    return store.db ? createSqliteStatsStore(store.db) : createPostgresStatsStore(store.pool!, store.schema);
  };
  const audit = () => {
    const store = ledger.server.store as Partial<SqliteStore & PostgresStore>;
    return store.db ? createSqliteConfigStore(store.db) : createPostgresConfigStore(store.pool!, store.schema);
  };
  /** Rows of a statistics table, read outside the server. */
  const table = async (sql: string): Promise<Record<string, unknown>[]> => {
    const store = ledger.server.store as Partial<PostgresStore>;
    if (store.pool) return (await store.pool.query(sql.replace(/\bstats_/g, `${store.schema}.stats_`))).rows;
    const db = new Database(ledger.db, { readonly: true });
    try {
      return db.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  };
  const today = () => new Date().toISOString().slice(0, 10);
  const receipt = (overrides: Partial<Receipt> & Record<string, unknown> = {}) => ({
    id: nanoid(),
    subject: nanoid(),
    timestamp: new Date().toISOString(),
    action: 'accept-all',
    source: 'banner',
    categories: { necessary: true, preferences: true, analytics: true, marketing: true },
    policy: { version: '1', url: '/privacy' },
    language: 'fr',
    previous: null,
    shownHash: '0f1e2d3c4b5a6978',
    gpc: false,
    ...overrides,
  });
  const post = (receipts: unknown[]) =>
    fetch(ledger.server.endpoint + '/receipts', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': FORWARDED }, body: JSON.stringify({ receipts }) });
  const getStats = (query = '', headers: Record<string, string> = { authorization: `Bearer ${token}` }) => fetch(`${ledger.server.endpoint}/stats${query}`, { headers });
  const report = async (query = '') => {
    const response = await getStats(query);
    expect(response.status).toBe(200);
    return (await response.json()) as StatsReport;
  };
  const publish = async (config: Record<string, unknown>) => {
    const draft = (await (await editor.call('/console/api/draft')).json()) as { config: Record<string, unknown> };
    expect((await editor.call('/console/api/draft', { method: 'PUT', json: { config: { ...draft.config, ...config } } })).status).toBe(200);
    expect((await editor.call('/console/api/publish', { method: 'POST', json: {} })).status).toBe(201);
  };

  beforeAll(async () => {
    ledger = await startConsoleLedger({}, {}, kind);
    editor = ledger.client();
    expect((await editor.signIn('ed', PASSWORDS.ed)).status).toBe(200);
    token = await addApiToken(stats(), audit(), 'dashboard');
  });
  afterAll(() => ledger?.close());

  describe('who may read the statistics', () => {
    test('nobody without a session or a token: 401, JSON and CSV', async () => {
      for (const query of ['', '?format=csv']) {
        const response = await getStats(query, {});
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
        expect(await response.json()).toMatchObject({ error: 'not_authorized' });
      }
      expect((await getStats('', { authorization: 'Bearer ckst_made-up' })).status).toBe(401);
      expect((await getStats('', { cookie: 'consentkit_console=made-up' })).status).toBe(401);
    });

    test('an API token reads them; once revoked it no longer does', async () => {
      const second = await addApiToken(stats(), audit(), 'temporary');
      expect((await getStats('', { authorization: `Bearer ${second}` })).status).toBe(200);
      expect(await revokeApiToken(stats(), audit(), 'temporary')).toBe(true);
      expect((await getStats('', { authorization: `Bearer ${second}` })).status).toBe(401);
      const logged = ((await (await editor.call('/console/api/audit')).json()) as { entries: { action: string; detail: unknown }[] }).entries.filter((e) => e.action.startsWith('token.'));
      expect(logged.map((e) => [e.action, e.detail])).toEqual([['token.add', { name: 'dashboard' }], ['token.add', { name: 'temporary' }], ['token.revoke', { name: 'temporary' }]]);
    });

    test('a viewer signed in to the console reads them: sign-in sets the session cookie for {base}/stats too; signed out, 401', async () => {
      const viewer = ledger.client();
      const signIn = await viewer.signIn('vi', PASSWORDS.vi);
      const cookies = signIn.headers.getSetCookie();
      expect(cookies.map((c) => /Path=([^;]+)/.exec(c)?.[1])).toEqual(['/api/consent/console', '/api/consent/stats']);
      for (const cookie of cookies) expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
      expect((await getStats('', { cookie: viewer.cookie! })).status).toBe(200);
      expect((await getStats('?format=csv', { cookie: viewer.cookie! })).status).toBe(200);
      const signOut = await viewer.call('/console/api/sign-out', { method: 'POST', json: {} });
      expect(signOut.headers.getSetCookie().map((c) => /Path=([^;]+)/.exec(c)?.[1])).toEqual(['/api/consent/console', '/api/consent/stats']);
      expect((await getStats('', { cookie: viewer.cookie! })).status).toBe(401);
    });

    test('bad ranges and formats are refused with 400', async () => {
      for (const query of ['?from=2026-13-01', '?to=yesterday', '?from=2026-11-02&to=2026-11-01', '?from=2025-01-01&to=2026-01-02', '?format=xml']) {
        const response = await getStats(query);
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: 'invalid_query' });
      }
    });
  });

  describe('what is counted', () => {
    test('decisions, their configuration version and decision time, by day; the CSV has the same figures', async () => {
      const before = await report();
      expect(before.days).toHaveLength(30);
      expect(before.days.at(-1)!.day).toBe(today());
      const posted = await post([
        receipt({ configVersion: 2, decisionSeconds: 4 }),
        receipt({ action: 'reject-all', categories: { necessary: true, preferences: false, analytics: false, marketing: false }, configVersion: 2, decisionSeconds: 9, reason: 'first-visit', language: 'en-GB' }),
        receipt({ action: 'save', source: 'preferences', categories: { necessary: true, preferences: true, analytics: false, marketing: false }, decisionSeconds: 20, gpc: true, services: { youtube: true } }),
      ]);
      expect(posted.status).toBe(201);
      const after = await report(`?from=${today()}&to=${today()}`);
      expect(after.days).toEqual([{ day: today(), decisions: { 'accept-all': 1, 'reject-all': 1, dismiss: 0, save: 1, withdraw: 0 }, impressions: 0, categories: { preferences: { granted: 2, refused: 1 }, analytics: { granted: 1, refused: 2 }, marketing: { granted: 1, refused: 2 } } }]);
      expect(after.totals).toMatchObject({
        bySource: { banner: 2, preferences: 1 },
        byLanguage: { fr: 2, en: 1 },
        byReason: { 'first-visit': 1, none: 2 },
        gpc: { on: 1, off: 2 },
        services: { youtube: { granted: 1, refused: 0 } },
        decisionSeconds: { median: 9, samples: 3 },
      });
      expect(after.versions.map((v) => [v.configVersion, v.decisions['accept-all'], v.decisions['reject-all'], v.decisions.save])).toEqual([[null, 0, 0, 1], [2, 1, 1, 0]]);

      const csv = await getStats(`?from=${today()}&to=${today()}&format=csv`);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="consentkit-stats-${today()}-${today()}.csv"`);
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toBe('day,metric,key,count');
      expect(lines).toEqual(expect.arrayContaining([`${today()},decisions,accept-all,1`, `${today()},version-decisions,2/reject-all,1`, `${today()},decision-seconds,20,1`, `${today()},language,en,1`]));
    });

    test('receipts with a bad configVersion or decisionSeconds are refused, and nothing is counted', async () => {
      const before = (await report()).totals.decisions;
      for (const bad of <Record<string, unknown>[]>[{ configVersion: 0 }, { configVersion: 1.5 }, { configVersion: '3' }, { decisionSeconds: -1 }, { decisionSeconds: 3601 }, { decisionSeconds: 2.5 }]) {
        const response = await post([receipt(bad)]);
        expect(response.status).toBe(400);
        expect(((await response.json()) as { details: { field: string }[] }).details.map((d) => d.field)).toEqual(Object.keys(bad));
      }
      expect((await report()).totals.decisions).toEqual(before);
    });

    test('an erasure leaves the statistics as they were, withdrawals included', async () => {
      const subject = nanoid();
      const first = receipt({ subject, categories: { necessary: true, preferences: true, analytics: false, marketing: true }, action: 'save' });
      // Withdraws marketing; analytics was already refused and is not a withdrawal.
      const withdraw = receipt({ subject, previous: first.id, action: 'withdraw', categories: { necessary: true, preferences: true, analytics: false, marketing: false } });
      const before = await report();
      expect((await post([first, withdraw])).status).toBe(201);
      // Not read in between: the erasure rolls the receipts up before deleting them.
      expect((await fetch(`${ledger.server.endpoint}/subjects/${subject}`, { method: 'DELETE' })).status).toBe(200);
      const after = await report();
      expect(after.totals.decisions.withdraw).toBe(before.totals.decisions.withdraw + 1);
      expect(after.totals.categories.marketing!.withdrawn).toBe((before.totals.categories.marketing?.withdrawn ?? 0) + 1);
      expect(after.totals.categories.analytics!.withdrawn).toBe(before.totals.categories.analytics?.withdrawn ?? 0);
      const again = await report();
      expect((await fetch(`${ledger.server.endpoint}/subjects/${subject}`, { method: 'DELETE' })).status).toBe(200);
      expect(await report()).toEqual(again);
    });

    test('no statistics answer holds a subject id, a receipt id or a client address', async () => {
      const receipts = Array.from({ length: 20 }, (_, i) => receipt({ action: i % 2 ? 'accept-all' : 'dismiss', language: i % 3 ? 'fr' : 'de' }));
      expect((await post(receipts)).status).toBe(201);
      const erased = receipts[0]!.subject;
      expect((await fetch(`${ledger.server.endpoint}/subjects/${erased}`, { method: 'DELETE' })).status).toBe(200);
      const answers: string[] = [];
      for (const query of ['', '?format=csv', `?from=${today()}&to=${today()}`, `?from=${today()}&to=${today()}&format=csv`]) {
        answers.push(await (await getStats(query)).text());
        answers.push(await (await getStats(query, { cookie: editor.cookie! })).text());
      }
      const secrets = [...receipts.flatMap((r) => [r.id, r.subject]), '127.0.0.1', FORWARDED];
      for (const answer of answers) {
        expect(answer.length).toBeGreaterThan(50);
        for (const secret of secrets) expect(answer).not.toContain(secret);
      }
      // They are in the ledger, so the grep would have found them had they leaked.
      expect(await (await fetch(`${ledger.server.endpoint}/subjects/${receipts[1]!.subject}`)).text()).toContain(receipts[1]!.id);
    });
  });

  describe('the impression counter', () => {
    const impression = (body: string, headers: Record<string, string> = { 'content-type': 'text/plain' }) =>
      fetch(`${ledger.server.endpoint}/impressions`, { method: 'POST', headers: { cookie: 'consentkit=visitor-cookie-value', 'x-forwarded-for': FORWARDED, ...headers }, body });
    const impressionRows = () => table("SELECT day, metric, key, count FROM stats_counts WHERE metric = 'impressions' ORDER BY key");

    test('off by default: 404 impressions_off, and nothing is counted', async () => {
      const response = await impression('{"language":"fr"}');
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'impressions_off' });
      const answer = await report();
      expect(answer.impressionsEnabled).toBe(false);
      expect(answer.totals.impressions).toBe(0);
      expect(await impressionRows()).toEqual([]);
    });

    test('countImpressions must be a boolean in the site configuration', async () => {
      const draft = (await (await editor.call('/console/api/draft')).json()) as { config: Record<string, unknown> };
      const response = await editor.call('/console/api/draft', { method: 'PUT', json: { config: { ...draft.config, countImpressions: 'yes' } } });
      expect(response.status).toBe(422);
      expect(((await response.json()) as { details: string[] }).details).toEqual(['"countImpressions" must be true or false']);
    });

    test('switched on: counted per day and language, no cookie set, nothing identifying stored', async () => {
      await publish({ countImpressions: true });
      const answers = [await impression('{"language":"fr"}'), await impression('{"language":"fr-CA"}', { 'content-type': 'application/json' }), await impression('{"language":"tlh"}')];
      for (const response of answers) {
        expect(response.status).toBe(204);
        expect(response.headers.get('set-cookie')).toBeNull();
        expect(await response.text()).toBe('');
      }
      const answer = await report();
      expect(answer.impressionsEnabled).toBe(true);
      expect(answer.totals.impressions).toBe(3);
      expect(answer.days.at(-1)).toMatchObject({ day: today(), impressions: 3 });
      // The table holds a day, a language and a count: no id, no address, no cookie, no time of day.
      const day = today();
      expect(await impressionRows()).toEqual([
        { day, metric: 'impressions', key: 'fr', count: kind === 'postgres' ? '2' : 2 },
        { day, metric: 'impressions', key: 'other', count: kind === 'postgres' ? '1' : 1 },
      ]);
      if (kind === 'sqlite') {
        const bytes = ['', '-wal'].filter((suffix) => existsSync(ledger.db + suffix)).map((suffix) => readFileSync(ledger.db + suffix).toString('latin1')).join('');
        for (const secret of ['127.0.0.1', FORWARDED, 'visitor-cookie-value']) expect(bytes).not.toContain(secret);
      }
    });

    test('bad impressions are refused and not counted', async () => {
      const before = (await report()).totals.impressions;
      expect((await impression('language=fr', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
      expect((await impression(JSON.stringify({ language: 'fr', padding: 'x'.repeat(300) }))).status).toBe(413);
      expect((await impression('not json')).status).toBe(400);
      expect((await impression('{"language":7}')).status).toBe(400);
      expect((await impression('["fr"]')).status).toBe(400);
      expect((await impression('{"language":"fr"}', { 'content-type': 'text/plain', origin: 'https://elsewhere.example' })).status).toBe(403);
      expect((await fetch(`${ledger.server.endpoint}/impressions`)).status).toBe(405);
      expect((await report()).totals.impressions).toBe(before);
    });

    test('switched off again: 404 once more', async () => {
      await publish({ countImpressions: false });
      expect((await impression('{"language":"fr"}')).status).toBe(404);
      expect((await report()).impressionsEnabled).toBe(false);
    });
  });
});
