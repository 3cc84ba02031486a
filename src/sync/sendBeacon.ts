/**
 * Hands a body to the browser to deliver after the page is gone. A string
 * body goes as `text/plain;charset=UTF-8`: a simple request, so no CORS
 * preflight that a page being unloaded could not wait for. False when the
 * browser refused it (no beacon support, over the 64 KB in-flight quota).
 */
export function sendBeacon(url: string, body: string): boolean {
  try {
    return navigator.sendBeacon(url, body);
  } catch {
    return false;
  }
}
