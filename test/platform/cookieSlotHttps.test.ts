// @vitest-environment jsdom
// @vitest-environment-options { "url": "https://www.example.com/webinars/" }
import { expect, test, vi } from 'vitest';
import { createCookieSlot } from '../../src/platform/cookieSlot';

test('on https the consent cookie is Secure', () => {
  const writes: string[] = [];
  vi.spyOn(document, 'cookie', 'set').mockImplementation((value: string) => void writes.push(value));
  createCookieSlot({ name: 'consentkit', domain: null }).write('x', 182);
  expect(writes[0]!.split(/; */)).toEqual(expect.arrayContaining(['path=/', 'samesite=lax', 'secure']));
});
