// Main-thread JavaScript time of the page itself, from a CDP sampling profile.
// Performance.getMetrics' ScriptDuration leaves out promise reactions and async
// function continuations (measured: 50 ms of work after `await` adds 0.4 ms), so
// a library that starts in a promise looks cheaper than one that does not. The
// profiler sees every JS stack: a sample counts for the page when any frame of
// its stack comes from the page's origin (the library's files and the page's
// inline config); the probe and Playwright run from init scripts with no URL.

/**
 * @param {{ nodes: Array<{ id: number, callFrame: { url: string, functionName: string }, children?: number[] }>, samples?: number[], timeDeltas?: number[] }} profile
 * @param {string} origin e.g. http://127.0.0.1:40123
 * @returns {{ jsMs: number, gcMs: number }}
 */
export function attributeProfile(profile, origin) {
  /** @type {Map<number, number>} */
  const parent = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** @type {Map<number, boolean>} */
  const memo = new Map();
  /** @param {number} id @returns {boolean} */
  const fromPage = (id) => {
    let known = memo.get(id);
    if (known == null) {
      const up = parent.get(id);
      known = !!byId.get(id)?.callFrame.url.startsWith(origin) || (up != null && fromPage(up));
      memo.set(id, known);
    }
    return known;
  };
  let js = 0;
  let gc = 0;
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    // A sample stands for the time until the next one.
    const dt = deltas[i + 1] ?? 0;
    if (byId.get(id)?.callFrame.functionName == '(garbage collector)') gc += dt;
    else if (fromPage(id)) js += dt;
  });
  return { jsMs: js / 1000, gcMs: gc / 1000 };
}
