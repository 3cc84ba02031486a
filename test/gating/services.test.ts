// @vitest-environment jsdom
import { afterEach, expect, test, vi } from 'vitest';
import { getByRole } from '@testing-library/dom';
import type { ConsentKitConfig } from '../../src/core/config';
import { ran, record, settle, startGating } from './setup';

/** YouTube and an ad pixel, both in marketing; Matomo in analytics. */
const SITE: ConsentKitConfig = {
  categories: {
    analytics: { services: [{ name: 'Matomo', cookies: ['_pk_id'] }] },
    marketing: { services: [{ name: 'YouTube', cookies: ['VISITOR_INFO1_LIVE'] }, { name: 'Ad pixel', cookies: ['_fbp'], storage: ['fb_*'] }] },
  },
};

const PAGE = `
  <script type="text/plain" data-consent="marketing" data-service="youtube">${record('youtube-api')}</script>
  <script type="text/plain" data-consent="marketing" data-service="ad-pixel">${record('pixel')}</script>
  <script type="text/plain" data-consent="marketing">${record('marketing')}</script>
  <script type="text/plain" data-consent="analytics" data-service="matomo">${record('matomo')}</script>
  <iframe data-consent="marketing" data-service="YouTube" data-src="https://video.example/embed/1"></iframe>`;

const cookieNames = () => document.cookie.split(/; */).filter(Boolean).map((c) => c.split('=')[0]).sort();

afterEach(() => {
  for (const name of cookieNames()) document.cookie = `${name}=; max-age=0; path=/`;
  localStorage.clear();
});

test('data-service runs an element when that service is granted, even while its category as a whole is not', () => {
  const { core } = start();
  core.save({ youtube: true });
  expect(ran()).toEqual(['youtube-api']);
  expect(document.querySelector('iframe')!.getAttribute('src')).toBe('https://video.example/embed/1');
  // The rest of marketing waits for the whole category.
  core.save({ 'ad-pixel': true });
  expect(ran()).toEqual(['youtube-api', 'pixel', 'marketing']);
});

test('a granted category runs its services’ elements; a data-service naming no configured service needs the category', () => {
  const { core } = start(`<script type="text/plain" data-consent="analytics" data-service="Plausible">${record('unknown-service')}</script>`);
  core.save({ matomo: true });
  expect(ran()).toEqual(['matomo', 'unknown-service']);
  core.save({ marketing: true });
  expect(ran()).toEqual(['matomo', 'unknown-service', 'youtube-api', 'pixel', 'marketing']);
});

test('a service alone, without a category in data-consent, grants nothing', () => {
  const { core } = start(`<script type="text/plain" data-consent="" data-service="youtube">${record('bare')}</script>`);
  core.acceptAll();
  expect(ran()).not.toContain('bare');
});

test('the placeholder names the service and grants it alone', () => {
  const { core } = start();
  getByRole(document.body, 'button', { name: 'Load YouTube (accept Marketing cookies)' }).click();
  const [receipt] = core.receipts();
  expect(receipt).toMatchObject({ source: 'placeholder', services: { youtube: true, 'ad-pixel': false }, categories: { marketing: false } });
  expect(ran()).toEqual(['youtube-api']);
});

test('refusing one service deletes its cookies and storage alone; a granted one of the same category keeps its own', async () => {
  const { core, clears } = start();
  core.acceptAll();
  for (const cookie of ['VISITOR_INFO1_LIVE=1', '_fbp=2', '_pk_id=3']) document.cookie = cookie + '; path=/';
  localStorage.setItem('fb_seen', '1');
  core.withdraw('ad-pixel');
  expect(cookieNames()).toEqual(['VISITOR_INFO1_LIVE', '_pk_id']);
  expect(localStorage.getItem('fb_seen')).toBeNull();
  expect(clears).toEqual([{ categories: ['marketing', 'ad-pixel'], removed: ['fb_seen', '_fbp'], remaining: [] }]);
  await settle();
});

test('withdrawing a service whose elements ran reloads once; withdrawing one that ran nothing does not', async () => {
  const reload = vi.fn();
  sessionStorage.clear();
  const { core } = startGating(`<script type="text/plain" data-consent="marketing" data-service="youtube">${record('youtube-api')}</script>`, SITE, { reload });
  core.save({ marketing: true });
  expect(ran()).toEqual(['youtube-api']);
  core.withdraw('ad-pixel');
  await settle();
  expect(reload).not.toHaveBeenCalled();
  core.withdraw('youtube');
  await settle();
  expect(reload).toHaveBeenCalledTimes(1);
});

function start(extra = '', options: { reload?: () => void } = {}) {
  sessionStorage.clear();
  return startGating(PAGE + extra, SITE, options);
}
