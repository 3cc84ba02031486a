import { expect, test } from 'vitest';
import { VisitorPage } from '../engines/page';
import { BANNER, EVERYTHING, ranLog, settled, waitForRun, type Shop } from './shop';

/** One visitor, two tabs of the shop. */
export function crossTabStories(shop: Shop): void {
  test('"Accept all" in one tab closes the banner and runs the tags in the other open tab, without a reload', async () => {
    const { session, page: first } = await shop.visit();
    const second = await VisitorPage.open(session, shop.url());
    await settled(second);
    expect(await second.sees('region', 'Cookies')).toBe(true);
    await second.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    await first.click('button', 'Accept all', BANNER);
    expect(await second.waitUntilGone('region', 'Cookies', undefined, 3000)).toBe(true);
    await waitForRun(second, EVERYTHING.length);
    expect([...(await ranLog(second))].sort()).toEqual([...EVERYTHING].sort());
    expect(await second.evaluate(() => 'sameDocument' in window)).toBe(true);
    expect(await second.sees('button', 'Cookie settings')).toBe(true);
  });
}
