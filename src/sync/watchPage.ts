/**
 * Calls `hide` on `pagehide` and on `visibilitychange` to hidden (the only
 * reliable signal on mobile, where hidden pages are often discarded without
 * `pagehide`): the last moment to hand receipts to a beacon. Calls `online`
 * when the browser is back online. Returns the cleanup; a no-op without a
 * window.
 */
export function watchPage(hide: () => void, online: () => void): () => void {
  // `visibilitychange` fires on the document and bubbles to the window.
  const listener = (event: Event) => (event.type == 'online' ? online() : (event.type == 'pagehide' || document.hidden) && hide());
  const each = (method: 'addEventListener' | 'removeEventListener') =>
    ['pagehide', 'visibilitychange', 'online'].forEach((type) => globalThis[method]?.(type, listener));
  each('addEventListener');
  return () => each('removeEventListener');
}
