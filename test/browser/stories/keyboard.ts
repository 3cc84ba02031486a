import { expect, test } from 'vitest';
import { BANNER, DIALOG, type Shop } from './shop';

/** A visitor who uses only the keyboard, and what a screen reader is told. */
export function keyboardStories(shop: Shop): void {
  test('axe finds no WCAG 2.2 AA violation on the banner, nor on the open dialog', async () => {
    const { page } = await shop.visit();
    expect(await page.waitToSee('region', 'Cookies')).toBe(true);
    expect(await page.axe()).toEqual([]);
    await page.click('button', 'Customize', BANNER);
    expect(await page.waitToSee('dialog', 'Cookie preferences')).toBe(true);
    await page.click('switch', 'Analytics', DIALOG);
    expect(await page.axe()).toEqual([]);
  });

  test('keyboard only: banner first in the tab order, focus trapped in the dialog and given back, a saved choice', async () => {
    const { page } = await shop.visit();
    expect(await page.waitToSee('region', 'Cookies')).toBe(true);
    const order = [];
    for (let i = 0; i < 4; i++) {
      await page.press('Tab');
      order.push(await page.focused());
    }
    expect(order).toEqual([
      { role: 'link', name: 'Privacy policy' },
      { role: 'button', name: 'Accept all' },
      { role: 'button', name: 'Reject all' },
      { role: 'button', name: 'Customize' },
    ]);

    await page.press('Enter');
    expect(await page.waitToSee('dialog', 'Cookie preferences')).toBe(true);
    expect(await page.focused()).toEqual({ role: 'switch', name: 'Preferences' });

    // Tab cycles inside the dialog, both ways, never reaching the page behind.
    const seen = new Set<string>();
    for (let i = 0; i < 16; i++) {
      await page.press('Tab');
      expect(await page.focusIsWithin('dialog', 'Cookie preferences')).toBe(true);
      seen.add((await page.focused())?.name ?? '');
    }
    expect([...seen]).toEqual(expect.arrayContaining(['Preferences', 'Analytics', 'Marketing', 'Save my choices', 'Close']));
    for (let i = 0; i < 6; i++) {
      await page.press('Shift+Tab');
      expect(await page.focusIsWithin('dialog', 'Cookie preferences')).toBe(true);
    }

    // Escape closes it and gives focus back to Customize.
    await page.press('Escape');
    expect(await page.waitUntilGone('dialog', 'Cookie preferences')).toBe(true);
    expect(await page.focused()).toEqual({ role: 'button', name: 'Customize' });

    // Again: Analytics on with the space bar, then Save my choices.
    await page.press('Enter');
    expect(await page.waitToSee('dialog', 'Cookie preferences')).toBe(true);
    await page.press('Tab');
    expect(await page.focused()).toEqual({ role: 'switch', name: 'Analytics' });
    await page.press('Space');
    for (let i = 0; i < 8 && (await page.focused())?.name !== 'Save my choices'; i++) await page.press('Tab');
    await page.press('Enter');
    // Saving closes the dialog, and a polite live region left in the page says so.
    expect(await page.waitUntilGone('dialog', 'Cookie preferences')).toBe(true);
    await expect.poll(() => page.texts('status')).toEqual(['Choices saved.']);
    expect(await page.evaluate(() => window.consentkit!.receipts().map((r) => [r.action, r.source, r.categories.analytics, r.categories.marketing]))).toEqual([
      ['save', 'preferences', true, false],
    ]);

    // The banner went with the choice: focus lands on the control that reopens the dialog.
    expect(await page.focused()).toEqual({ role: 'button', name: 'Cookie settings' });
    await page.press('Enter');
    expect(await page.waitToSee('switch', 'Analytics', DIALOG)).toBe(true);
    expect(await page.isChecked('switch', 'Analytics', DIALOG)).toBe(true);
    expect(await page.isChecked('switch', 'Marketing', DIALOG)).toBe(false);

    // Accept all from the keyboard (Reject all would withdraw analytics, which ran, and reload the page): the
    // dialog closes and focus is back on the settings button that opened it.
    for (let i = 0; i < 12 && (await page.focused())?.name !== 'Accept all'; i++) await page.press('Tab');
    expect(await page.focused()).toEqual({ role: 'button', name: 'Accept all' });
    await page.press('Enter');
    expect(await page.waitUntilGone('dialog', 'Cookie preferences')).toBe(true);
    expect(await page.focused()).toEqual({ role: 'button', name: 'Cookie settings' });

    // Close decides nothing and gives focus back too.
    await page.press('Enter');
    expect(await page.waitToSee('dialog', 'Cookie preferences')).toBe(true);
    for (let i = 0; i < 12 && (await page.focused())?.name !== 'Close'; i++) await page.press('Tab');
    await page.press('Enter');
    expect(await page.waitUntilGone('dialog', 'Cookie preferences')).toBe(true);
    expect(await page.focused()).toEqual({ role: 'button', name: 'Cookie settings' });
    expect(await page.evaluate(() => window.consentkit!.receipts().map((r) => r.action))).toEqual(['save', 'accept-all']);
  });
}
