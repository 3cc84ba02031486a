// The in-page probe, installed as an init script so that it runs before anything
// on the page, identically for every library. It watches, frame by frame, for a
// visible button labelled `label` (each library is configured to label its accept
// button "Accept all"), records layout shifts, the accept click and the banner's
// disappearance. Times are performance.now(), i.e. ms since navigation start.

/**
 * Runs in the page (serialised by Playwright): keep it self-contained.
 * @param {string} label
 */
export function probe(label) {
  if (window.top !== window) return;
  /** @type {any} */
  const B = { visible: null, click: null, gone: null, shifts: [] };
  Object.defineProperty(window, '__bench', { value: B });
  const visible = (/** @type {Element} */ el) => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  // In the DOM, displayed, a non-zero box, opacity above 0 (itself and ancestors).
  const find = () => {
    for (const el of document.querySelectorAll('button,[role=button]')) {
      if ((el.textContent ?? '').trim() == label && visible(el)) return el;
    }
    return null;
  };
  // Checks run just after each rendered frame, when layout is clean, so that the
  // probe does not force a layout that the library would then be charged for.
  const channel = new MessageChannel();
  /** @type {Array<() => void>} */
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  const frame = () =>
    new Promise((ok) =>
      requestAnimationFrame(() => {
        waiting.push(() => ok(undefined));
        channel.port2.postMessage(0);
      }),
    );
  new PerformanceObserver((list) => {
    for (const e of /** @type {any[]} */ (list.getEntries())) B.shifts.push({ value: e.value, at: e.startTime, input: e.hadRecentInput });
  }).observe({ type: 'layout-shift', buffered: true });

  // Nothing is visible before the first paint; checking earlier would force the
  // page's first layout inside the probe (and into the script time measured).
  const painted = () => performance.getEntriesByType('paint').length > 0;
  B.shown = (async () => {
    while (!(painted() && (B.el = find()))) await frame();
    return (B.visible = performance.now());
  })();
  // Lets entrance animations finish (at most 1 s) so the click lands where a person
  // would click, and gives the library `minMs` after showing the button to wire it
  // (tarteaucitron binds its buttons 500 ms after showing them).
  B.settle = async (/** @type {number} */ minMs) => {
    await new Promise((ok) => setTimeout(ok, Math.max(0, B.visible + minMs - performance.now())));
    await Promise.race([
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
      new Promise((ok) => setTimeout(ok, 1000)),
    ]);
    await frame();
    await frame();
    B.el = find() ?? B.el;
    const r = B.el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    return { x, y, onTarget: !!hit && (B.el.contains(hit) || hit.contains(B.el)) };
  };
  B.goneP = new Promise((ok) => {
    addEventListener(
      'click',
      async (e) => {
        if (B.click != null || !e.isTrusted) return;
        B.click = e.timeStamp;
        while (find()) await frame();
        B.gone = performance.now();
        await frame();
        await frame();
        ok(B.gone - B.click);
      },
      true,
    );
  });
}
