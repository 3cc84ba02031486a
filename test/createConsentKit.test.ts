// @vitest-environment jsdom
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { createConsentKit } from '../src/createConsentKit';

beforeEach(() => {
  for (const c of document.cookie.split('; ')) document.cookie = `${c.split('=')[0]}=; max-age=0; path=/`;
  localStorage.clear();
});

describe('createConsentKit', () => {
  test('a broken config is reported once on the console and as error events, and nothing throws', async () => {
    const logged: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args) => void logged.push(args));
    const windowEvents: string[] = [];
    const onWindow = (e: Event) => windowEvents.push((e as CustomEvent).detail.message);
    window.addEventListener('consentkit:error', onWindow);
    const kit = createConsentKit({ endpoint: 'javascript:alert(1)', cookie: { maxAgeDays: 9000 }, colour: 'red' } as never);
    const events: string[] = [];
    kit.on('error', (e) => events.push(`${e.code}: ${e.message}`));
    await Promise.resolve();
    expect(events).toEqual([
      'config: "endpoint" must be a path or an http(s) URL; ignored',
      'config: "cookie.maxAgeDays" must be 1 to 395 days; ignored',
      'config: unknown key "colour"; ignored',
    ]);
    expect(windowEvents).toHaveLength(3);
    expect(logged.map((args) => args[0])).toEqual(events.map((e) => `[consentkit] ${e}`));
    expect(kit.config.endpoint).toBeNull();
    expect(kit.has('analytics')).toBe(false);
    kit.acceptAll();
    expect(kit.has('analytics')).toBe(true);
    window.removeEventListener('consentkit:error', onWindow);
    kit.destroy();
  });

  test('a decision is stored in the consentkit cookie and survives a new instance (page load)', () => {
    const first = createConsentKit({ policyVersion: '2018-05-24' });
    const receipt = first.save({ analytics: true });
    first.destroy();
    expect(document.cookie).toMatch(/(^|; )consentkit=/);
    const second = createConsentKit({ policyVersion: '2018-05-24' });
    expect(second.get()).toMatchObject({ subject: receipt.subject, receipt: receipt.id, categories: { analytics: true, marketing: false } });
    expect(second.receipts().map((r) => r.id)).toEqual([receipt.id]);
    second.destroy();
  });

  test('a corrupt cookie counts as no decision', () => {
    document.cookie = 'consentkit=%7B%22v%22%3A1%2C%22c%22%3A%7B; path=/';
    const kit = createConsentKit();
    expect(kit.get()).toBeNull();
    expect(kit.promptReason()).toBe('first-visit');
    kit.destroy();
  });

  test('events are also dispatched on window for script-tag sites', () => {
    const kit = createConsentKit();
    const seen: string[] = [];
    const listener = (e: Event) => seen.push(`${e.type}:${(e as CustomEvent).detail.receipt.action}`);
    window.addEventListener('consentkit:consent', listener);
    kit.rejectAll();
    window.removeEventListener('consentkit:consent', listener);
    expect(seen).toEqual(['consentkit:consent:reject-all']);
    kit.destroy();
  });

  test('destroy() detaches listeners and window events', () => {
    const kit = createConsentKit();
    const seen: string[] = [];
    kit.on('consent', () => seen.push('kit'));
    const listener = () => seen.push('window');
    window.addEventListener('consentkit:consent', listener);
    kit.destroy();
    kit.acceptAll();
    window.removeEventListener('consentkit:consent', listener);
    expect(seen).toEqual([]);
  });

  test('a plugin is set up with the kit and a failing plugin is reported, not thrown', async () => {
    const setups: string[] = [];
    const kit = createConsentKit({
      plugins: [
        { name: 'ok', setup: () => void setups.push('ok') },
        { name: 'broken', setup: () => { throw new Error('nope'); } },
      ],
    });
    const errors: string[] = [];
    kit.on('error', (e) => errors.push(e.message));
    await Promise.resolve();
    expect(setups).toEqual(['ok']);
    expect(errors).toEqual(['plugin "broken" failed to set up']);
    kit.destroy();
  });
});
