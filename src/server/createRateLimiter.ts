export interface RateLimitOptions {
  /** Requests a client may make in a burst, and per window on average. @default 120 */
  limit?: number;
  /** The window over which `limit` refills, in ms. @default 60000 */
  windowMs?: number;
  /** Clients tracked at once; beyond it, idle (full) buckets are forgotten first. @default 10000 */
  maxClients?: number;
}

export interface RateLimiter {
  /** 0 when the request may go on, else the seconds to wait (for Retry-After). */
  take(client: string): number;
}

/** A token bucket per client: bursts up to `limit`, then `limit` per `windowMs`. Memory stays bounded. */
export function createRateLimiter(options: RateLimitOptions, now: () => number): RateLimiter {
  const limit = options.limit ?? 120;
  const perMs = limit / (options.windowMs ?? 60_000);
  const maxClients = options.maxClients ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  function prune(time: number): void {
    for (const [key, b] of buckets) if (b.tokens + (time - b.at) * perMs >= limit) buckets.delete(key);
    // Still full of busy clients: drop the oldest entries rather than grow without bound.
    for (const key of buckets.keys()) {
      if (buckets.size < maxClients) break;
      buckets.delete(key);
    }
  }

  return {
    take(client) {
      const time = now();
      let bucket = buckets.get(client);
      if (!bucket) {
        if (buckets.size >= maxClients) prune(time);
        bucket = { tokens: limit, at: time };
        buckets.set(client, bucket);
      }
      bucket.tokens = Math.min(limit, bucket.tokens + (time - bucket.at) * perMs);
      bucket.at = time;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
  };
}
