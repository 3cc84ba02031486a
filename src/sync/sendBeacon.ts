/**
 * Hands a body to the browser to deliver after the page is gone, as
 * `text/plain`: a simple request, so no CORS preflight that a page being
 * unloaded could not wait for. False when the browser refused it (no beacon
 * support, over the 64 KB in-flight quota).
 */
export function sendBeacon(url: string, body: string): boolean {
  try {
    return navigator.sendBeacon(url, new Blob([body], { type: 'text/plain' }));
  } catch {
    return false;
  }
}
