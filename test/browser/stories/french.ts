import { beforeAll, expect, test } from 'vitest';
import { shopPage, type Shop } from './shop';

const BANNIERE = { role: 'region', name: 'Cookies' };
const DIALOGUE = { role: 'dialog', name: 'Préférences des cookies' };

/** A French page: every name a French visitor hears is French. */
export function frenchStories(shop: Shop): void {
  beforeAll(() => shop.server.page('/fr', shopPage(shop.server.port, { lang: 'fr' })));

  test('a French page asks in French, its dialog passes axe, and the choice holds across a reload', async () => {
    const { page } = await shop.visit('/fr');
    expect(await page.waitToSee('region', 'Cookies')).toBe(true);
    expect(await page.names('button', BANNIERE)).toEqual(['Tout accepter', 'Tout refuser', 'Personnaliser', 'Continuer sans accepter']);
    expect(await page.names('link', BANNIERE)).toEqual(['Politique de confidentialité']);
    await page.click('button', 'Personnaliser', BANNIERE);
    expect(await page.waitToSee('dialog', 'Préférences des cookies')).toBe(true);
    // The services' own switches (Stats, Pixel) sit in their categories' closed "Services" parts.
    const categories = (await page.names('switch', DIALOGUE)).filter((name) => name !== 'Stats' && name !== 'Pixel');
    expect(categories).toEqual(['Strictement nécessaires', 'Préférences', "Mesure d'audience", 'Marketing']);
    expect(await page.axe()).toEqual([]);
    await page.click('switch', "Mesure d'audience", DIALOGUE);
    await page.click('button', 'Enregistrer mes choix', DIALOGUE);
    // Saving closes the dialog; the confirmation stays in the page's live region.
    expect(await page.waitUntilGone('dialog', 'Préférences des cookies')).toBe(true);
    await expect.poll(() => page.texts('status')).toEqual(['Choix enregistrés.']);
    await page.reload();
    expect(await page.waitToSee('button', 'Paramètres des cookies')).toBe(true);
    expect(await page.sees('region', 'Cookies')).toBe(false);
    expect(await page.evaluate(() => window.consentkit!.has('analytics'))).toBe(true);
  });
}
