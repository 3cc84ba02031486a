import { beforeAll, expect, test } from 'vitest';
import { BANNER, ranLog, type Shop } from './shop';

/** A site with a strict, nonce-based Content-Security-Policy. */
export function cspStories(shop: Shop): void {
  beforeAll(() => {
    const tracker = `http://tracker.test:${shop.server.port}`;
    shop.server.page(
      '/csp',
      `<!doctype html><html lang="en"><head><title>Shop</title>
<script nonce="r4nd0m">window.ranLog = []; window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline')));</script>
<script nonce="r4nd0m" src="/consentkit.min.js" data-policy-version="2018-05-24"></script>
<script type="text/plain" data-consent="analytics" nonce="r4nd0m">ranLog.push('inline')</script>
<script type="text/plain" data-consent="analytics" nonce="r4nd0m" src="${tracker}/a.js"></script>
</head><body><main><h1>Shop</h1>
<script>ranLog.push('no nonce: must be blocked')</script>
</main></body></html>`,
      { 'content-security-policy': "script-src 'nonce-r4nd0m'; style-src 'self' 'nonce-r4nd0m'" },
    );
  });

  test('under a strict nonce CSP the banner is styled, tagged scripts with the nonce run after "Accept all", and only the script without one is refused', async () => {
    const { page } = await shop.visit('/csp');
    expect(await page.waitToSee('region', 'Cookies')).toBe(true);
    // Styled by the injected <style nonce>: fixed at the bottom, not in the page flow.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('section')!).position)).toBe('fixed');
    await page.click('button', 'Accept all', BANNER);
    await page.waitFor(() => (window as unknown as { ranLog: string[] }).ranLog.length >= 2);
    expect(await ranLog(page)).toEqual(['inline', 'a']);
    // The control: the policy is enforced, and refused the one script without a nonce, nothing else.
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual(['script-src-elem inline']);
  });
}
