/** The window events the outbox listens to. */
export type PageEvents = Pick<Window, 'addEventListener' | 'removeEventListener'> & { document: Pick<Document, 'hidden'> };

/**
 * Calls `hide` on `pagehide` and on `visibilitychange` to hidden (the only
 * reliable signal on mobile, where hidden pages are often discarded without
 * `pagehide`): the last moment to hand receipts to a beacon. Calls `online`
 * when the browser is back online. Returns the cleanup.
 */
export function watchPage(page: PageEvents, hide: () => void, online: () => void): () => void {
  // `visibilitychange` fires on the document and bubbles to the window.
  const listener = (event: Event) => {
    if (event.type === 'online') online();
    else if (event.type === 'pagehide' || page.document.hidden) hide();
  };
  const types = ['pagehide', 'visibilitychange', 'online'];
  for (const type of types) page.addEventListener(type, listener);
  return () => {
    for (const type of types) page.removeEventListener(type, listener);
  };
}
