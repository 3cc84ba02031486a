/**
 * Hands a body to the browser to deliver after the page is gone. A string
 * body goes as `text/plain;charset=UTF-8`: a simple request, so no CORS
 * preflight that a page being unloaded could not wait for. Whether the browser
 * took it (no beacon support, over the 64 KB in-flight quota) does not matter:
 * a beacon is never taken as delivered, the receipts stay in the outbox.
 */
export function sendBeacon(url: string, body: string): void {
  try {
    navigator.sendBeacon(url, body);
  } catch {
    // No beacon here: the next page load sends them.
  }
}
