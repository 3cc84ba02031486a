// @vitest-environment jsdom
import { expect, test } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/dom';
import type { ConsentKitConfig } from '../../src/core/config';
import { mountUi } from './mountUi';

const SITE: ConsentKitConfig = {
  categories: {
    necessary: { services: [{ name: 'Session', cookies: ['sid'] }] },
    marketing: { services: [{ name: 'YouTube', provider: 'Google' }, { name: 'Ad pixel', cookies: ['_fbp'] }] },
  },
};

const dialog = () => screen.getByRole('dialog', { name: 'Cookie preferences' });
const switchNamed = (name: string) => within(dialog()).getByRole<HTMLInputElement>('switch', { name });
/** What a screen reader reads of a switch: on, off or mixed. */
const heard = (name: string) => {
  const input = switchNamed(name);
  return input.getAttribute('aria-checked') === 'mixed' && input.indeterminate ? 'mixed' : input.checked ? 'on' : 'off';
};
const open = () => screen.getByRole('button', { name: 'Customize' }).click();

test('every service has its own switch, named by the service, inside its category; necessary ones are on and locked', () => {
  mountUi(SITE);
  open();
  expect(within(dialog()).getAllByRole('switch').map((s) => (s as HTMLInputElement).labels?.[0]?.textContent)).toEqual([
    'Strictly necessary',
    'Session',
    'Preferences',
    'Analytics',
    'Marketing',
    'YouTube',
    'Ad pixel',
  ]);
  expect([switchNamed('Session').checked, switchNamed('Session').disabled]).toEqual([true, true]);
  expect(['Marketing', 'YouTube', 'Ad pixel'].map(heard)).toEqual(['off', 'off', 'off']);
  const youtube = switchNamed('YouTube').closest('li')!;
  expect(within(youtube).getByText('Google')).toBeTruthy();
});

test('a category is on, off or mixed as its services are; flipping it flips them all', () => {
  mountUi(SITE);
  open();
  switchNamed('YouTube').click();
  expect(['Marketing', 'YouTube', 'Ad pixel'].map(heard)).toEqual(['mixed', 'on', 'off']);
  // A mixed switch turned by the visitor turns everything on, then off.
  switchNamed('Marketing').click();
  expect(['Marketing', 'YouTube', 'Ad pixel'].map(heard)).toEqual(['on', 'on', 'on']);
  expect(switchNamed('Marketing').hasAttribute('aria-checked')).toBe(false);
  switchNamed('Marketing').click();
  expect(['Marketing', 'YouTube', 'Ad pixel'].map(heard)).toEqual(['off', 'off', 'off']);
  // Every service on by hand: the category is on.
  switchNamed('YouTube').click();
  switchNamed('Ad pixel').click();
  expect(heard('Marketing')).toBe('on');
});

test('YouTube on, the ad pixel off: Save records each service, and the dialog shows the mix when it opens again', () => {
  const { core } = mountUi(SITE);
  open();
  switchNamed('YouTube').click();
  screen.getByRole('button', { name: 'Save my choices' }).click();
  const [receipt] = core.receipts();
  expect(receipt).toMatchObject({
    action: 'save',
    source: 'preferences',
    categories: { necessary: true, marketing: false },
    services: { session: true, youtube: true, 'ad-pixel': false },
  });
  screen.getByRole('button', { name: 'Cookie settings' }).click();
  expect(['Marketing', 'YouTube', 'Ad pixel'].map(heard)).toEqual(['mixed', 'on', 'off']);
  // The keyboard works on a service switch as on any checkbox.
  const pixel = switchNamed('Ad pixel');
  pixel.focus();
  fireEvent.click(pixel);
  expect(heard('Marketing')).toBe('on');
});

test('a decision taken elsewhere (the API, another tab) is reflected per service in the open dialog', () => {
  const { core } = mountUi(SITE);
  core.save({ marketing: true });
  screen.getByRole('button', { name: 'Cookie settings' }).click();
  expect(['Marketing', 'YouTube', 'Ad pixel'].map(heard)).toEqual(['on', 'on', 'on']);
  core.withdraw('ad-pixel');
  expect(['Marketing', 'YouTube', 'Ad pixel'].map(heard)).toEqual(['mixed', 'on', 'off']);
});
