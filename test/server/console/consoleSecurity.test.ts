import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PASSWORDS, STORES, startConsoleLedger, type ConsoleLedger } from './consoleFixture';

for (const kind of STORES) describe(kind, () => {
let ledger: ConsoleLedger;
  beforeAll(async () => {
    ledger = await startConsoleLedger({}, {}, kind);
  });
  afterAll(() => ledger?.close());

  const READS = ['/console/api/session', '/console/api/draft', '/console/api/versions', '/console/api/versions/1', '/console/api/audit', '/console/api/audit.jsonl', '/console/preview?lang=fr', '/console/preview.js?lang=fr'];
  const WRITES: Array<[method: string, path: string, body?: unknown]> = [
    ['PUT', '/console/api/draft', { config: {} }],
    ['POST', '/console/api/publish', {}],
    ['POST', '/console/api/versions/1/publish', {}],
    ['POST', '/console/api/sign-out', {}],
  ];
  const versionCount = async () => (await ledger.column('SELECT count(*) FROM console_versions'))[0];
  const draftRow = async () => (await ledger.column('SELECT config FROM console_draft'))[0];

  describe('without a valid session', () => {
    test.each(READS)('GET %s answers 401', async (path) => {
      const response = await ledger.client().call(path);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'not_signed_in' });
    });

    test.each(WRITES)('%s %s answers 401 and stores nothing', async (method, path, json) => {
      const response = await ledger.client().call(path, { method, json, headers: { 'x-csrf-token': 'guessed' } });
      expect(response.status).toBe(401);
      expect(await versionCount()).toBe(0);
    });

    test('a made-up session cookie is no session', async () => {
      const client = ledger.client();
      client.cookie = 'consentkit_console=made-up';
      expect((await client.call('/console/api/draft')).status).toBe(401);
    });
  });

  describe('writes without the CSRF token', () => {
    test.each(WRITES)('%s %s answers 403 for a signed-in editor without the token, and with a wrong one', async (method, path, json) => {
      const editor = ledger.client();
      await editor.signIn('ed', PASSWORDS.ed);
      const without = await editor.call(path, { method, json, csrf: false });
      expect(without.status).toBe(403);
      expect(await without.json()).toMatchObject({ error: 'csrf' });
      const wrong = await editor.call(path, { method, json, csrf: false, headers: { 'x-csrf-token': editor.csrf!.replace(/./, (c) => (c === 'A' ? 'B' : 'A')) } });
      expect(wrong.status).toBe(403);
      expect(await versionCount()).toBe(0);
      expect(await draftRow()).toBeUndefined();
      // Still signed in: the refused sign-out did not end the session.
      expect((await editor.call('/console/api/session')).status).toBe(200);
    });
  });

  test('a cross-site form post is refused, even carrying the cookie and a leaked token', async () => {
    const editor = ledger.client();
    await editor.signIn('ed', PASSWORDS.ed);
    const form = await editor.call('/console/api/publish', {
      method: 'POST',
      csrf: false,
      body: 'confirm=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(form.status).toBe(403);
    const leaked = await editor.call('/console/api/publish', { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(leaked.status).toBe(403);
    expect(await leaked.json()).toMatchObject({ error: 'cross_site' });
    const signIn = await ledger.client().call('/console/api/sign-in', { json: { name: 'ed', password: PASSWORDS.ed }, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(signIn.status).toBe(403);
    expect(signIn.headers.get('set-cookie')).toBeNull();
    expect(await versionCount()).toBe(0);
  });

  test('a viewer reads the draft and versions but can neither save nor publish nor roll back', async () => {
    const viewer = ledger.client();
    expect((await viewer.signIn('vi', PASSWORDS.vi)).status).toBe(200);
    expect((await viewer.call('/console/api/draft')).status).toBe(200);
    expect((await viewer.call('/console/api/versions')).status).toBe(200);
    const publish = await viewer.call('/console/api/publish', { method: 'POST' });
    expect(publish.status).toBe(403);
    expect(await publish.json()).toMatchObject({ error: 'read_only' });
    const draft = (await (await viewer.call('/console/api/draft')).json()) as { config: { policyVersion: string } };
    expect((await viewer.call('/console/api/draft', { method: 'PUT', json: { config: { ...draft.config, policyVersion: 'viewer' } } })).status).toBe(403);
    expect((await viewer.call('/console/api/versions/1/publish', { method: 'POST' })).status).toBe(403);
    expect(await versionCount()).toBe(0);
    expect(await draftRow()).toBeUndefined();
    expect((await viewer.call('/console/api/sign-out', { method: 'POST' })).status).toBe(200);
    expect((await viewer.call('/console/api/draft')).status).toBe(401);
  });

  test('a session expires after 8 hours and is then refused and deleted', async () => {
    const editor = ledger.client();
    await editor.signIn('ed', PASSWORDS.ed);
    expect((await editor.call('/console/api/session')).status).toBe(200);
    ledger.advance(8 * 3_600_000 + 1);
    expect((await editor.call('/console/api/session')).status).toBe(401);
    expect((await editor.call('/console/api/publish', { method: 'POST' })).status).toBe(401);
    const cookieToken = editor.cookie!.split('=')[1]!;
    const { createHash } = await import('node:crypto');
    const left = await ledger.column('SELECT count(*) FROM console_sessions WHERE id_hash = ?', createHash('sha256').update(cookieToken).digest('hex'));
    expect(left).toEqual([0]);
  });

  test('the session cookie is HttpOnly, SameSite=Strict, scoped to the console, and the database keeps only its hash', async () => {
    const response = await ledger.client().signIn('ed', PASSWORDS.ed);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/consent\/console/);
    // Plain http here; on https the cookie is Secure (see consoleDelivery.test.ts).
    expect(cookie).not.toMatch(/Secure/);
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const stored = await ledger.column('SELECT id_hash FROM console_sessions');
    expect(stored).not.toContain(token);
    const hashes = (await ledger.column('SELECT password_hash FROM console_accounts')) as string[];
    expect(hashes.every((hash) => hash.startsWith('scrypt$') && !hash.includes(PASSWORDS.ed))).toBe(true);
  });

  test('sign-in is rate-limited: after 5 wrong passwords even the right one waits', async () => {
    const limited = await startConsoleLedger({ signInLimit: { attempts: 5, windowMs: 60_000 } }, {}, kind);
    try {
      for (let i = 0; i < 5; i++) expect((await limited.client().signIn('ed', 'wrong ' + i)).status).toBe(401);
      const blocked = await limited.client().signIn('ed', PASSWORDS.ed);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(blocked.headers.get('set-cookie')).toBeNull();
      limited.advance(60_001);
      expect((await limited.client().signIn('ed', PASSWORDS.ed)).status).toBe(200);
      const audit = await limited.column('SELECT action FROM console_audit ORDER BY seq');
      expect(audit).toEqual([...Array(5).fill('sign-in.failed'), 'sign-in']);
    } finally {
      await limited.close();
    }
  });

  test('an unknown name and a wrong password get the same answer', async () => {
    const unknown = await ledger.client().signIn('nobody', 'x');
    const wrong = await ledger.client().signIn('vi', 'x');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

});
