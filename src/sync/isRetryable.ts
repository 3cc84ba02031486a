/**
 * Whether an answer from the ledger (none: a network error) is worth
 * trying again: 408, 429, 5xx and network errors are (CONTRACT §8). 2xx is
 * delivered; any other 4xx means the ledger will never take the receipts as
 * they are. Anything unexpected (1xx, 3xx) is retried: dropping proof is the
 * one mistake that cannot be undone.
 */
export function isRetryable(status?: number): boolean {
  return !/^(2|4(?!08|29))/.test('' + status);
}
