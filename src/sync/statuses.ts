/**
 * Answers that are a verdict on the receipts themselves: malformed (400), too
 * large (413), not JSON (415), or failing validation (422). Sent again they
 * would be refused again, so they are dropped, with an `error` event. Every
 * other answer that is not a 2xx may come from something between the browser
 * and the ledger (a proxy, a firewall, a misrouted path), and the receipt is
 * proof kept nowhere else: it stays, and is sent again later.
 */
export const VERDICT_STATUSES: readonly number[] = [400, 413, 415, 422];

/**
 * Failures expected to pass soon, retried on the quick backoff along with
 * network errors and every 5xx: timeout, too early, too many requests.
 */
export const TRANSIENT_STATUSES: readonly number[] = [408, 425, 429];
