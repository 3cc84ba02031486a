// @vitest-environment jsdom
import { expect, test } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/dom';
import { mountUi } from './mountUi';

const mount = mountUi;
const dialog = () => screen.getByRole('dialog', { name: 'Cookie preferences' });
const switchNamed = (name: string) => screen.getByRole<HTMLInputElement>('switch', { name });
const states = () => within(dialog()).getAllByRole<HTMLInputElement>('switch').map((s) => [s.closest('label')!.textContent, s.checked, s.disabled]);

test('Customize opens the dialog: necessary on and locked, nothing else pre-ticked, focus inside', () => {
  const { events } = mount();
  screen.getByRole('button', { name: 'Customize' }).click();
  expect(states()).toEqual([
    ['Strictly necessary', true, true],
    ['Preferences', false, false],
    ['Analytics', false, false],
    ['Marketing', false, false],
  ]);
  expect(dialog().contains(document.activeElement)).toBe(true);
  expect(within(dialog()).getByText(/Anonymous usage statistics/)).toBeTruthy();
  expect(events).toEqual(['show:banner', 'show:preferences']);
});

test('Save my choices records exactly the switches, from the preferences, closes the dialog and confirms in a polite live region', () => {
  const { core, events } = mount();
  screen.getByRole('button', { name: 'Customize' }).click();
  switchNamed('Analytics').click();
  expect(screen.getByRole('status').textContent).toBe('');
  screen.getByRole('button', { name: 'Save my choices' }).click();
  const [receipt] = core.receipts();
  expect([receipt?.action, receipt?.source]).toEqual(['save', 'preferences']);
  expect(receipt?.categories).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false });
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(screen.queryByRole('region', { name: 'Cookies' })).toBeNull();
  // The confirmation outlives the dialog: a polite live region left in the page.
  const status = screen.getByRole('status');
  expect([status.textContent, status.closest('dialog')]).toEqual(['Choices saved.', null]);
  expect(events).toEqual(['show:banner', 'show:preferences', 'hide:banner', 'hide:preferences']);
  // Opening again clears it, so the next confirmation is news.
  screen.getByRole('button', { name: 'Cookie settings' }).click();
  expect(screen.getByRole('status').textContent).toBe('');
});

// Every way a dialog opened from the banner ends: a decision closes it, and focus lands on the settings button,
// since the banner (and Customize in it) went with the decision.
for (const button of ['Save my choices', 'Accept all', 'Reject all']) {
  test(`"${button}" in a dialog opened from the banner closes it and gives focus to the settings button`, () => {
    const { core } = mount();
    const customize = screen.getByRole('button', { name: 'Customize' });
    customize.focus();
    customize.click();
    within(dialog()).getByRole('button', { name: button }).click();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cookie settings' }));
    expect(core.receipts()).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe('Choices saved.');
  });
}

test('a decision in a dialog opened by the settings button gives focus back to that button', () => {
  const { core } = mount();
  core.rejectAll();
  const settings = screen.getByRole('button', { name: 'Cookie settings' });
  settings.focus();
  settings.click();
  switchNamed('Marketing').click();
  screen.getByRole('button', { name: 'Save my choices' }).click();
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(document.activeElement).toBe(settings);
  expect(core.has('marketing')).toBe(true);
});

test('Close decides nothing and gives focus back to the opener', () => {
  const { core, events } = mount();
  const customize = screen.getByRole('button', { name: 'Customize' });
  customize.focus();
  customize.click();
  switchNamed('Analytics').click();
  screen.getByRole('button', { name: 'Close' }).click();
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(document.activeElement).toBe(customize);
  expect(core.receipts()).toEqual([]);
  expect(screen.getByRole('status').textContent).toBe('');
  expect(events).toEqual(['show:banner', 'show:preferences', 'hide:preferences']);
});

test('without a settings button, a decision whose opener went with the banner leaves focus on the page, not in a removed dialog', () => {
  mount({ settingsButton: false });
  const customize = screen.getByRole('button', { name: 'Customize' });
  customize.focus();
  customize.click();
  within(dialog()).getByRole('button', { name: 'Reject all' }).click();
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(screen.queryByRole('button', { name: 'Cookie settings' })).toBeNull();
  expect(document.activeElement).toBe(document.body);
  expect(screen.getByRole('status').textContent).toBe('Choices saved.');
});

test('Escape closes the dialog without deciding and gives focus back to the opener', () => {
  const { core, events } = mount();
  const customize = screen.getByRole('button', { name: 'Customize' });
  customize.focus();
  customize.click();
  fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(document.activeElement).toBe(customize);
  expect(core.receipts()).toEqual([]);
  expect(events).toEqual(['show:banner', 'show:preferences', 'hide:preferences']);
});

test('Tab and Shift+Tab wrap inside the dialog', () => {
  mount();
  screen.getByRole('button', { name: 'Customize' }).click();
  const first = switchNamed('Preferences');
  const last = screen.getByRole('button', { name: 'Close' });
  expect(document.activeElement).toBe(first);
  last.focus();
  expect(fireEvent.keyDown(last, { key: 'Tab' })).toBe(false);
  expect(document.activeElement).toBe(first);
  expect(fireEvent.keyDown(first, { key: 'Tab', shiftKey: true })).toBe(false);
  expect(document.activeElement).toBe(last);
  // In between, the browser moves focus as usual.
  first.focus();
  expect(fireEvent.keyDown(first, { key: 'Tab' })).toBe(true);
  expect(fireEvent.keyDown(first, { key: 'Tab', shiftKey: true })).toBe(false);
});

test('the settings button reopens the dialog on the current state; its decisions come from the settings button', () => {
  const { core } = mount();
  core.save({ analytics: true });
  screen.getByRole('button', { name: 'Cookie settings' }).click();
  expect(states().map(([, checked]) => checked)).toEqual([true, false, true, false]);
  screen.getByRole('button', { name: 'Reject all' }).click();
  expect(core.receipts().map((r) => [r.action, r.source])).toEqual([
    ['save', 'api'],
    ['reject-all', 'settings-button'],
  ]);
  screen.getByRole('button', { name: 'Cookie settings' }).click();
  expect(states().map(([, checked]) => checked)).toEqual([true, false, false, false]);
});

test('Accept all in the dialog records accept-all from the preferences', () => {
  const { core } = mount();
  screen.getByRole('button', { name: 'Customize' }).click();
  within(dialog()).getByRole('button', { name: 'Accept all' }).click();
  expect(core.receipts().map((r) => [r.action, r.source])).toEqual([['accept-all', 'preferences']]);
  screen.getByRole('button', { name: 'Cookie settings' }).click();
  expect(states().map(([, checked]) => checked)).toEqual([true, true, true, true]);
});

test('any [data-consent-open] element opens the dialog: from the preferences before a choice, from the settings button after', () => {
  const { core, ui } = mount();
  document.body.insertAdjacentHTML('beforeend', '<a href="/cookies" data-consent-open><span>Manage cookies</span></a>');
  const link = screen.getByRole('link', { name: 'Manage cookies' });
  link.focus();
  expect(fireEvent.click(link.firstElementChild!)).toBe(false);
  screen.getByRole('button', { name: 'Save my choices' }).click();
  // The link is still there: focus goes back to it.
  expect(document.activeElement).toBe(link);
  link.click();
  within(dialog()).getByRole('button', { name: 'Accept all' }).click();
  expect(document.activeElement).toBe(link);
  expect(core.receipts().map((r) => [r.action, r.source])).toEqual([
    ['save', 'preferences'],
    ['accept-all', 'settings-button'],
  ]);
  ui.destroy();
  expect(fireEvent.click(link)).toBe(true);
  expect(screen.queryByRole('dialog')).toBeNull();
});

test('showPreferences() opens the dialog; hide() closes it', () => {
  const { ui, events } = mount();
  ui.showPreferences();
  expect(dialog()).toBeTruthy();
  ui.hide();
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(events).toEqual(['show:banner', 'show:preferences', 'hide:banner', 'hide:preferences']);
});

test('with Global Privacy Control, accepting all leaves marketing off in the dialog', () => {
  mount({}, { gpc: true });
  screen.getByRole('button', { name: 'Accept all' }).click();
  screen.getByRole('button', { name: 'Cookie settings' }).click();
  expect(switchNamed('Marketing').checked).toBe(false);
  expect(switchNamed('Analytics').checked).toBe(true);
});

test('services are listed with provider, purpose, duration and cookies in an expandable part', () => {
  mount({
    categories: {
      analytics: {
        services: [{ name: 'Audience statistics', provider: 'stats.example', purpose: 'Counts visits', duration: '13 months', cookies: ['_ga', /^_ga_/] }],
      },
    },
  });
  screen.getByRole('button', { name: 'Customize' }).click();
  const details = dialog().querySelector('details')!;
  expect(within(details).getByText('Services').tagName).toBe('SUMMARY');
  const terms = [...details.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
  expect(within(details).getByText('Audience statistics')).toBeTruthy();
  expect(terms).toEqual([
    ['Provider', 'stats.example'],
    ['Purpose', 'Counts visits'],
    ['Duration', '13 months'],
    ['Cookies', '_ga, /^_ga_/'],
  ]);
  expect(dialog().querySelectorAll('details')).toHaveLength(1);
});

test('config text is shown as text: a label with markup runs nothing', () => {
  const label = '<img src=x onerror="window.pwned=1">';
  mount({ categories: { support: { label, description: '<b>bold</b>', services: [{ name: '<script>x()</script>' }] } } });
  screen.getByRole('button', { name: 'Customize' }).click();
  expect(switchNamed(label)).toBeTruthy();
  expect(screen.getByText('<b>bold</b>')).toBeTruthy();
  expect(screen.getByText('<script>x()</script>')).toBeTruthy();
  expect(document.querySelector('img, b, script')).toBeNull();
  expect((window as { pwned?: number }).pwned).toBeUndefined();
});

test("a site category without a label is named by its id", () => {
  mount({ categories: { support: { description: 'Live chat.' } } });
  screen.getByRole('button', { name: 'Customize' }).click();
  expect(switchNamed('support').checked).toBe(false);
});
