import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLedgerApp, createSqliteConfigStore, createSqliteStore, defaultSiteConfig, type SiteConfig } from '../../../src/server/index';
import { de } from '../../../src/ui/texts/de';
import { en } from '../../../src/ui/texts/en';
import { DIST, PASSWORDS, STORES, startConsoleLedger, type Client, type ConsoleLedger } from './consoleFixture';

for (const kind of STORES) describe(kind, () => {
let ledger: ConsoleLedger;
  let editor: Client;
  beforeAll(async () => {
    ledger = await startConsoleLedger({}, {}, kind);
    editor = ledger.client();
    await editor.signIn('ed', PASSWORDS.ed);
  });
  afterAll(() => ledger?.close());

  const draft = async () => ((await (await editor.call('/console/api/draft')).json()) as { config: SiteConfig; errors: string[] });
  const save = (config: SiteConfig) => editor.call('/console/api/draft', { method: 'PUT', json: { config } });
  /** What a visitor's browser would put in window.consentkitConfig, by running the delivered script's first line. */
  const deliveredConfig = (script: string, page?: unknown) => {
    const window: Record<string, unknown> = { consentkitConfig: page };
    runInNewContext(script.slice(0, script.indexOf('\n')), { window, JSON, Object, Array });
    return window.consentkitConfig as Record<string, unknown> & { texts: Record<string, Record<string, string>> };
  };

  const HOTJAR = { name: 'Hotjar', provider: 'Hotjar Ltd', purpose: 'Heatmaps', duration: '1 year', cookies: ['_hjSessionUser_*', '_hjid'] };

  test('publishing makes numbered versions with author, time and diff; a rollback republishes an old one; visitors get the current one', async () => {
    const before = await (await ledger.client().call('/consentkit.js')).text();
    expect(before.endsWith(readFileSync(DIST + 'consentkit.min.js', 'utf8'))).toBe(true);
    expect(deliveredConfig(before)).toEqual({ endpoint: ledger.server.endpoint });

    const first = (await draft()).config;
    first.categories.find((c) => c.id === 'analytics')!.services.push(HOTJAR);
    first.blocking['static.hotjar.example'] = 'analytics';
    first.texts.fr = { title: 'Vos cookies' };
    expect((await save(first)).status).toBe(200);
    const v1 = await editor.call('/console/api/publish', { method: 'POST' });
    expect(v1.status).toBe(201);
    expect(await v1.json()).toMatchObject({ number: 1, author: 'ed', restoredFrom: null, diff: expect.arrayContaining([{ path: 'categories.analytics.services.Hotjar', after: HOTJAR }, { path: 'blocking.static.hotjar.example', after: 'analytics' }, { path: 'texts.fr.title', after: 'Vos cookies' }]) });

    const second = structuredClone(first);
    second.texts.fr!.title = 'Cookies, encore';
    second.policyVersion = '2026-12-01';
    await save(second);
    const v2 = (await (await editor.call('/console/api/publish', { method: 'POST' })).json()) as { number: number; diff: unknown };
    expect(v2).toMatchObject({ number: 2, diff: [{ path: 'policyVersion', before: '1', after: '2026-12-01' }, { path: 'texts.fr.title', before: 'Vos cookies', after: 'Cookies, encore' }] });
    const script = await (await ledger.client().call('/consentkit.js')).text();
    expect(deliveredConfig(script)).toMatchObject({ policyVersion: '2026-12-01', texts: { fr: { title: 'Cookies, encore' } }, blocking: { 'static.hotjar.example': 'analytics' }, endpoint: ledger.server.endpoint });

    const rollback = await editor.call('/console/api/versions/1/publish', { method: 'POST' });
    expect(await rollback.json()).toMatchObject({ number: 3, restoredFrom: 1, author: 'ed', diff: [{ path: 'policyVersion', before: '2026-12-01', after: '1' }, { path: 'texts.fr.title', before: 'Cookies, encore', after: 'Vos cookies' }] });
    expect(deliveredConfig(await (await ledger.client().call('/consentkit.js')).text())).toMatchObject({ policyVersion: '1', texts: { fr: { title: 'Vos cookies' } } });
    // The rollback also becomes the draft, so the next edit starts from what visitors see.
    expect((await draft()).config).toEqual(first);
    const listed = (await (await editor.call('/console/api/versions')).json()) as { versions: Array<{ number: number }> };
    expect(listed.versions.map((v) => v.number)).toEqual([3, 2, 1]);

    // Published versions cannot be edited in the database either.
    await expect(ledger.write("UPDATE console_versions SET author = 'x'")).rejects.toThrow();

    const audit = (await (await editor.call('/console/api/audit.jsonl')).text()).trim().split('\n').map((line) => JSON.parse(line) as { action: string; actor: string });
    expect(audit.filter((entry) => entry.action !== 'sign-in').map((entry) => [entry.actor, entry.action])).toEqual([
      ['ed', 'draft.save'],
      ['ed', 'publish'],
      ['ed', 'draft.save'],
      ['ed', 'publish'],
      ['ed', 'rollback'],
    ]);
  });

  test('consentkit.js and config.json carry an ETag and a short cache, and answer 304 to a current copy', async () => {
    const script = await ledger.client().call('/consentkit.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    const etag = script.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await ledger.client().call('/consentkit.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const json = await ledger.client().call('/config.json');
    const config = (await json.json()) as { endpoint: string; categories: Record<string, unknown> };
    expect(config.endpoint).toBe(ledger.server.endpoint);
    expect(json.headers.get('access-control-allow-origin')).toBe('*');
    expect((await ledger.client().call('/config.json', { headers: { 'if-none-match': json.headers.get('etag')! } })).status).toBe(304);

    const changed = (await draft()).config;
    changed.policyVersion = 'etag-test';
    await save(changed);
    await editor.call('/console/api/publish', { method: 'POST' });
    const fresh = await ledger.client().call('/consentkit.js', { headers: { 'if-none-match': etag } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).not.toBe(etag);
  });

  test('a configuration the SDK would reject is saved as a draft with its errors, and cannot be published', async () => {
    const bad = (await draft()).config;
    bad.blocking['cdn.example'] = 'no-such-category';
    bad.policyUrl = 'javascript:alert(1)';
    const saved = (await (await save(bad)).json()) as { errors: string[] };
    expect(saved.errors).toEqual(['"policyUrl" must be a URL; ignored', '"blocking.cdn.example" must be a known category under a host name; ignored']);
    const before = await ledger.column('SELECT count(*) FROM console_versions');
    const refused = await editor.call('/console/api/publish', { method: 'POST' });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: 'invalid_config', details: saved.errors });
    expect(await ledger.column('SELECT count(*) FROM console_versions')).toEqual(before);
    // A draft the console could not even edit is not stored.
    expect((await editor.call('/console/api/draft', { method: 'PUT', json: { config: { ...bad, categories: 'all' } } })).status).toBe(422);
    const fixed = structuredClone(bad);
    delete fixed.blocking['cdn.example'];
    fixed.policyUrl = '/privacy';
    await save(fixed);
    expect((await editor.call('/console/api/publish', { method: 'POST' })).status).toBe(201);
  });

  test('a site that enables German gets its texts inlined in consentkit.js and config.json, under its own German overrides; English and French cost nothing', async () => {
    const config = (await draft()).config;
    expect(config.languages).toEqual(['en', 'fr']);
    config.languages = ['en', 'fr', 'de'];
    config.texts.de = { acceptAll: 'Allen zustimmen' };
    config.texts.fr = { title: 'Vos cookies' };
    expect(((await (await save(config)).json()) as { errors: string[] }).errors).toEqual([]);
    expect((await editor.call('/console/api/publish', { method: 'POST' })).status).toBe(201);

    const script = await (await ledger.client().call('/consentkit.js')).text();
    const delivered = deliveredConfig(script);
    expect(delivered.texts).toEqual({ en: {}, fr: { title: 'Vos cookies' }, de: { ...de, acceptAll: 'Allen zustimmen' } });
    expect(((await (await ledger.client().call('/config.json')).json()) as { texts: unknown }).texts).toEqual(delivered.texts);
    // A page's own texts go over the published ones language by language: its German word keeps the rest of the German.
    const page = { texts: { de: { rejectAll: 'Nein danke' }, fr: { title: 'Nos cookies' }, es: { acceptAll: 'Vale' } }, policyUrl: '/datenschutz' };
    expect(deliveredConfig(script, page)).toMatchObject({
      policyUrl: '/datenschutz',
      texts: { en: {}, fr: { title: 'Nos cookies' }, de: { ...de, acceptAll: 'Allen zustimmen', rejectAll: 'Nein danke' }, es: { acceptAll: 'Vale' } },
    });
    // What is not an object stays as the page gave it, for the SDK to report.
    expect(deliveredConfig(script, { texts: 'Deutsch' }).texts).toBe('Deutsch');
    expect(deliveredConfig(script, { texts: { de: 'Deutsch' } }).texts.de).toBe('Deutsch');

    // A version stored before the setting existed has no `languages`: English and French, as before, with the short prefix.
    const older = structuredClone(config);
    delete older.languages;
    await save(older);
    await editor.call('/console/api/publish', { method: 'POST' });
    const plain = await (await ledger.client().call('/consentkit.js')).text();
    expect(plain.startsWith('window.consentkitConfig=Object.assign(JSON.parse(')).toBe(true);
    expect(deliveredConfig(plain).texts).toEqual({ en: {}, fr: { title: 'Vos cookies' }, de: { acceptAll: 'Allen zustimmen' } });
  });

  test.each([
    [
      '33 categories',
      (config: SiteConfig) => {
        for (let n = 1; n <= 29; n++) config.categories.push({ id: `own-${n}`, services: [] });
      },
      '"categories" must be at most 32 categories, the built-in ones included; ignored',
    ],
    [
      'a policy version of 65 characters',
      (config: SiteConfig) => {
        config.policyVersion = 'v'.repeat(65);
      },
      '"policyVersion" must be a non-empty string of at most 64 characters; ignored',
    ],
  ])('%s: the ledger would refuse every receipt of it, so the draft cannot be published', async (_case, change, error) => {
    const published = (await draft()).config;
    const config = structuredClone(published);
    change(config);
    expect(((await (await save(config)).json()) as { errors: string[] }).errors).toEqual([error]);
    const refused = await editor.call('/console/api/publish', { method: 'POST' });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: 'invalid_config', details: [error] });
    await save(published);
  });

  test.each([
    [['en', 'fr', 'sv']],
    [['de', 'de']],
    ['de'],
  ])('"languages": %j is refused: the draft is not stored', async (languages) => {
    const config = (await draft()).config as unknown as Record<string, unknown>;
    config.languages = languages;
    const refused = await editor.call('/console/api/draft', { method: 'PUT', json: { config } });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: 'invalid_config', details: ['"languages" must list each language at most once, among en, fr, de, es, it, nl, pt, pl'] });
  });

  const HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)>\u2028"\'`${x}&amp;<!--';
  /** The same attack within the 64 characters a policy version may have. */
  const HOSTILE_VERSION = '</script><script>alert(1)</script>\u2028"\'`${x}&amp;<!--';

  test('HTML and script in every text field are inlined as data: the delivered script holds exactly the strings, and no markup', async () => {
    const config = (await draft()).config;
    const texts = Object.fromEntries(Object.keys(en).map((key) => [key, HOSTILE + key]));
    config.texts = { en: texts, fr: texts };
    config.categories.push({ id: 'support', services: [] });
    config.texts.en!.support = HOSTILE;
    config.texts.en!.supportText = HOSTILE;
    config.categories.find((c) => c.id === 'marketing')!.services = [{ name: HOSTILE, provider: HOSTILE, purpose: HOSTILE, duration: HOSTILE, cookies: ['_x'] }];
    config.policyVersion = HOSTILE_VERSION;
    expect((await (await save(config)).json()) as { errors: string[] }).toMatchObject({ errors: [] });
    expect((await editor.call('/console/api/publish', { method: 'POST' })).status).toBe(201);

    const script = await (await ledger.client().call('/consentkit.js')).text();
    const head = script.slice(0, script.indexOf('\n'));
    expect(head).not.toMatch(/[<>\u2028\u2029]/);
    const delivered = deliveredConfig(script);
    expect(delivered.texts.fr!.acceptAll).toBe(HOSTILE + 'acceptAll');
    expect(delivered.texts.en!.support).toBe(HOSTILE);
    expect(delivered.policyVersion).toBe(HOSTILE_VERSION);
    expect(delivered.categories).toMatchObject({ marketing: { services: [{ name: HOSTILE, provider: HOSTILE, purpose: HOSTILE, duration: HOSTILE }] } });
    const json = (await (await ledger.client().call('/config.json')).json()) as { texts: Record<string, Record<string, string>> };
    expect(json.texts.en!.title).toBe(HOSTILE + 'title');
  });

  test('on https the session cookie is Secure', async () => {
    const store = createSqliteStore(':memory:');
    const configStore = createSqliteConfigStore(store.db);
    const { hashPassword } = await import('../../../src/server/index');
    configStore.putAccount({ name: 'ed', role: 'editor', passwordHash: await hashPassword('pw') });
    const app = createLedgerApp({ store, configStore, assets: DIST });
    const response = await app(new Request('https://ledger.example/api/consent/console/api/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ed', password: 'pw' }) }));
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
    expect(defaultSiteConfig().categories.map((c) => c.id)).toEqual(['necessary', 'preferences', 'analytics', 'marketing']);
    store.close();
  });

  test('the console page holds a strict CSP with no inline script, and the ledger routes still answer beside it', async () => {
    const page = await ledger.client().call('/console/');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(await page.text()).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect((await ledger.client().call('/console')).status).toBe(301);
    expect((await ledger.client().call('/receipts', { method: 'POST', json: { receipts: [] } })).status).not.toBe(404);
    expect(await (await ledger.client().call('/subjects/V1StGXR8_Z5jdHi6B-myT')).json()).toMatchObject({ message: 'No records for this subject.' });
  });

});
