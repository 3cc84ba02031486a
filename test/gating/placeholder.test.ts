// @vitest-environment jsdom
import { expect, test } from 'vitest';
import { getByRole, queryByRole } from '@testing-library/dom';
import { startGating } from './setup';

const start = startGating;

test('a blocked iframe shows a button that grants its category in one click', () => {
  const { core } = start(`<iframe data-consent="marketing" data-service="Video" data-src="https://video.example/embed/1"></iframe>`);
  const iframe = document.querySelector('iframe')!;
  expect(iframe.hidden).toBe(true);
  getByRole(document.body, 'button', { name: 'Load Video (accept Marketing cookies)' }).click();
  expect(core.receipts().map((r) => [r.action, r.source, r.categories.marketing, r.categories.analytics])).toEqual([['save', 'placeholder', true, false]]);
  expect(iframe.getAttribute('src')).toBe('https://video.example/embed/1');
  expect(iframe.hidden).toBe(false);
  expect(queryByRole(document.body, 'button')).toBe(null);
});

test('the placeholder names the service by title, else by category, in the visitor’s language', () => {
  start(
    `<iframe data-consent="analytics" title="Carte" data-src="/map"></iframe>
     <iframe data-consent="analytics marketing" data-src="/both"></iframe>`,
    {},
    { language: 'fr' },
  );
  expect([...document.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
    "Charger Carte (accepter les cookies Mesure d'audience)",
    "Charger Mesure d'audience + Marketing (accepter les cookies Mesure d'audience + Marketing)",
  ]);
});

test('texts and labels come from the configuration, as text', () => {
  start(`<iframe data-consent="support" data-service="<b>Chat</b>" data-src="/chat"></iframe>`, {
    categories: { support: { label: 'Support chat' } },
    texts: { en: { placeholder: 'Show {service} — needs {category}' } },
  });
  const button = getByRole(document.body, 'button', { name: 'Show <b>Chat</b> — needs Support chat' });
  expect(button.querySelector('b')).toBe(null);
});

test('destroy removes the placeholders', () => {
  const { gating } = start(`<iframe data-consent="marketing" data-src="/v"></iframe>`);
  gating.destroy();
  expect(queryByRole(document.body, 'button')).toBe(null);
});
