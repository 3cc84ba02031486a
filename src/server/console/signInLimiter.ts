/** Failed sign-ins allowed per key (an address, an account name) in a window. */
export interface SignInLimit {
  /** @default 5 */
  attempts?: number;
  /** @default 900000 (15 minutes) */
  windowMs?: number;
}

/**
 * Counts failed sign-ins per key; once a key reaches the limit, every attempt
 * (right password or not) waits until the window since its first failure ends.
 * Keyed by address and by name, so that neither one address guessing many
 * names nor many addresses guessing one name gets far.
 */
export function createSignInLimiter(limit: SignInLimit, now: () => number) {
  const attempts = limit.attempts ?? 5;
  const windowMs = limit.windowMs ?? 900_000;
  const failures = new Map<string, { count: number; since: number }>();
  const live = (key: string) => {
    const entry = failures.get(key);
    if (entry && now() - entry.since >= windowMs) failures.delete(key);
    return failures.get(key);
  };
  return {
    /** Seconds to wait before trying again, 0 when an attempt may be made. */
    wait(keys: string[]): number {
      const waits = keys.map((key) => {
        const entry = live(key);
        return entry && entry.count >= attempts ? Math.ceil((entry.since + windowMs - now()) / 1000) : 0;
      });
      return Math.max(0, ...waits);
    },
    fail(keys: string[]): void {
      for (const key of keys) {
        const entry = live(key) ?? { count: 0, since: now() };
        entry.count += 1;
        failures.set(key, entry);
      }
    },
  };
}
