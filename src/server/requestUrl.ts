/**
 * The URL of a request from its target and the ledger's own public origin.
 * Never from the `Host` header or an absolute target: both are written by the
 * client, and the same-origin test of CORS compares against this URL. Only
 * origin-form targets (`/path?query`) are accepted; `//host/…` and
 * `http://host/…` give null (answered 400).
 */
export function requestUrl(target: string, publicOrigin: string): URL | null {
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return null;
  try {
    const url = new URL(publicOrigin + target);
    return url.origin === publicOrigin ? url : null;
  } catch {
    return null;
  }
}
