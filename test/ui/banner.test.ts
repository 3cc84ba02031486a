// @vitest-environment jsdom
import { expect, test } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/dom';
import { shownHash } from '../../src/core/shownHash';
import { createMemoryStore } from '../../src/core/storage';
import { createMemorySlot } from '../../src/core/storage';
import { mountUi } from './mountUi';

const mount = mountUi;
const banner = () => screen.queryByRole('region', { name: 'Cookies' });

test('first visit: the banner offers accept, reject, customize and continue, with the policy link and how long the choice is kept', () => {
  const { events } = mount({ policyUrl: '/privacy' });
  const region = banner()!;
  const names = within(region).getAllByRole('button').map((b) => b.textContent);
  expect(names).toEqual(['Accept all', 'Reject all', 'Customize', 'Continue without accepting']);
  expect(within(region).getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe('/privacy');
  expect(region.textContent).toContain('kept for 6 months');
  expect(screen.queryByRole('button', { name: 'Cookie settings' })).toBeNull();
  expect(events).toEqual(['show:banner']);
  // First in the tab order, so keyboard users reach it at once.
  expect(document.body.firstElementChild).toBe(region);
});

test('the kept duration follows cookie.maxAgeDays', () => {
  mount({ cookie: { maxAgeDays: 395 } });
  expect(banner()!.textContent).toContain('kept for 13 months');
});

test.each([
  ['Accept all', 'accept-all', true],
  ['Reject all', 'reject-all', false],
  ['Continue without accepting', 'dismiss', false],
])('"%s" records %s from the banner, hides it and shows the settings button', (name, action, analytics) => {
  const { core, events } = mount();
  const control = screen.getByRole('button', { name });
  control.focus();
  control.click();
  expect(core.receipts().map((r) => [r.action, r.source])).toEqual([[action, 'banner']]);
  expect(core.has('analytics')).toBe(analytics);
  expect(banner()).toBeNull();
  expect(events).toEqual(['show:banner', 'hide:banner']);
  // Focus is not lost to the top of the page: it lands on the control that changes the choice.
  expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cookie settings' }));
});

test('Escape on the banner is a refusal, recorded as dismiss', () => {
  const { core } = mount();
  fireEvent.keyDown(screen.getByRole('button', { name: 'Customize' }), { key: 'Escape' });
  expect(core.receipts().map((r) => [r.action, r.source])).toEqual([['dismiss', 'banner']]);
  expect(core.has('preferences')).toBe(false);
  expect(banner()).toBeNull();
});

test('other keys on the banner keep their default action (Tab moves on)', () => {
  const { core } = mount();
  expect(fireEvent.keyDown(screen.getByRole('button', { name: 'Accept all' }), { key: 'Tab' })).toBe(true);
  expect(fireEvent.keyDown(screen.getByRole('button', { name: 'Accept all' }), { key: 'Enter' })).toBe(true);
  expect(core.receipts()).toEqual([]);
});

test('a valid decision shows only the settings button; settingsButton: false shows nothing', () => {
  const slot = createMemorySlot();
  const store = createMemoryStore();
  const first = mount({}, { slot, store });
  first.core.rejectAll();
  first.ui.destroy();
  const second = mount({}, { slot, store });
  expect(banner()).toBeNull();
  expect(screen.getByRole('button', { name: 'Cookie settings' })).toBeTruthy();
  second.ui.destroy();
  mount({ settingsButton: false }, { slot, store });
  expect(screen.queryByRole('button', { name: 'Cookie settings' })).toBeNull();
  expect(banner()).toBeNull();
});

test('a category the site added since the decision brings the banner back; the choices made hold until the visitor answers', () => {
  const slot = createMemorySlot();
  const store = createMemoryStore();
  const before = mount({}, { slot, store });
  before.core.save({ analytics: true });
  before.ui.destroy();
  const { core } = mount({ categories: { support: { label: 'Support chat' } } }, { slot, store });
  expect(banner()).not.toBeNull();
  expect(screen.queryByRole('button', { name: 'Cookie settings' })).toBeNull();
  expect([core.has('analytics'), core.has('support')]).toEqual([true, false]);
  fireEvent.click(within(banner()!).getByRole('button', { name: 'Accept all' }));
  expect(core.receipts().at(-1)).toMatchObject({ action: 'accept-all', reason: 'new-category' });
  expect(banner()).toBeNull();
  expect(screen.getByRole('button', { name: 'Cookie settings' })).toBeTruthy();
});

test('a decision taken elsewhere hides the banner; erasure brings it back', () => {
  const { core } = mount();
  core.acceptAll();
  expect(banner()).toBeNull();
  expect(screen.getByRole('button', { name: 'Cookie settings' })).toBeTruthy();
  core.forget();
  expect(banner()).not.toBeNull();
  expect(screen.queryByRole('button', { name: 'Cookie settings' })).toBeNull();
});

test('show() and hide() toggle the banner without recording anything', () => {
  const { core, ui, events } = mount();
  ui.hide();
  expect(banner()).toBeNull();
  ui.show();
  ui.show();
  expect(banner()).not.toBeNull();
  expect(core.receipts()).toEqual([]);
  expect(events).toEqual(['show:banner', 'hide:banner', 'show:banner']);
});

test('receipts carry the digest of the exact texts shown, the same for every decision', () => {
  const { core, notice: text } = mount();
  expect(text).toContain('Accept all');
  expect(text).toContain('Cookie preferences');
  expect(text).toContain('Strictly necessary');
  screen.getByRole('button', { name: 'Accept all' }).click();
  core.rejectAll();
  expect(core.receipts().map((r) => r.shownHash)).toEqual([shownHash(text), shownHash(text)]);
});

test('styles are injected with the configured nonce, or not at all', () => {
  const { ui } = mount({ nonce: 'abc123' });
  const style = document.head.querySelector('style')!;
  // Its content is checked in Chromium: vitest replaces imported CSS with ''.
  expect(style.getAttribute('nonce')).toBe('abc123');
  ui.destroy();
  expect(document.head.querySelector('style')).toBeNull();
  mount({ injectStyles: false });
  expect(document.head.querySelector('style')).toBeNull();
  // No inline styles or inline handlers anywhere in the markup.
  expect(document.body.innerHTML).not.toMatch(/ style=| on[a-z]+=/);
});

test('started in <head> before the body exists, it waits for DOMContentLoaded', () => {
  const doc = document.implementation.createHTMLDocument('t');
  doc.body.remove();
  const { ui } = mountUi({}, { doc });
  expect(doc.querySelector('.ck-b')).toBeNull();
  doc.documentElement.append(doc.createElement('body'));
  doc.dispatchEvent(new Event('DOMContentLoaded'));
  // A windowless document has no accessibility tree: check the labelling by hand.
  const first = doc.body.firstElementChild!;
  expect(first.localName).toBe('section');
  expect(doc.getElementById(first.getAttribute('aria-labelledby')!)?.textContent).toBe('Cookies');
  ui.destroy();
  expect(doc.body.children).toHaveLength(0);
});
