// @vitest-environment jsdom
// What the cross-tab integration relies on: the core announces every change of
// the stored decision, not only changes of the granted set.
import { afterEach, expect, test } from 'vitest';
import type { ConsentEvents } from '../../src/core/state';
import { crossTab } from '../../src/integrations/crossTab';
import { createBrowserFakes, makeCore } from './fakes';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

test('reload() announces a decision taken in another tab even when it grants nothing more (reject-all hides the banner there)', () => {
  const browser = createBrowserFakes();
  const waiting = makeCore({}, browser).core;
  const changes: Array<ConsentEvents['change']> = [];
  waiting.on('change', (change) => changes.push(change));

  makeCore({}, browser).core.rejectAll({ source: 'banner' });
  waiting.reload();

  expect(waiting.promptReason()).toBeNull();
  expect(changes).toEqual([expect.objectContaining({ granted: [], revoked: [], state: expect.objectContaining({ categories: expect.any(Object) }) })]);
});

test('forget() announces the erasure even when only necessary was granted, so other tabs hear of it', () => {
  const core = makeCore().core;
  const changes: Array<ConsentEvents['change']> = [];
  core.rejectAll();
  core.on('change', (change) => changes.push(change));
  core.forget();
  expect(changes).toEqual([{ granted: [], revoked: [], state: null }]);
});

test('a reject-all in one tab reaches the other tab as a change event', async () => {
  const browser = createBrowserFakes();
  const [first, second] = [makeCore({}, browser).core, makeCore({}, browser).core];
  for (const core of [first, second]) {
    const cleanup = crossTab().setup(core);
    if (cleanup) cleanups.push(cleanup);
  }
  const heard = new Promise<ConsentEvents['change'] | 'nothing'>((resolve) => {
    second.on('change', resolve);
    // BroadcastChannel delivers within a task; a macrotask later, silence means nothing was announced.
    setTimeout(() => resolve('nothing'), 50);
  });
  first.rejectAll();
  expect(await heard).toMatchObject({ granted: [], revoked: [] });
});
