import { describe, expect, test } from 'vitest';
import type { EngineName } from '../engines';
import { crossTabStories } from './crossTab';
import { cspStories } from './csp';
import { decisionStories } from './decisions';
import { frenchStories } from './french';
import { keyboardStories } from './keyboard';
import { outboxStories } from './outbox';
import { servicesStories } from './services';
import { useShop } from './shop';

/** Every story, once, in one engine: each engine's test file calls this with its name. */
export function runStories(engine: EngineName): void {
  // A story drives a real browser through several page loads: a minute before it counts as stuck.
  describe(engine, { timeout: 60_000 }, () => {
    const shop = useShop(engine);
    test('the engine starts and says which version it is', () => {
      expect(shop.engine.version).toMatch(/^(Chromium|Firefox ESR|WebKitGTK) \d+\.\d+/);
    });
    decisionStories(shop);
    outboxStories(shop);
    keyboardStories(shop);
    cspStories(shop);
    frenchStories(shop);
    crossTabStories(shop);
    servicesStories(shop);
  });
}
