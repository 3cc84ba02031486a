import type { KeyValueStore } from '../core/storage';

/**
 * localStorage (or sessionStorage) behind the core's store interface. Where the
 * browser refuses storage (privacy modes, quota, sandboxed iframes, or no
 * window at all) every call falls back to memory, so the page view still
 * works and nothing throws.
 */
export function createWebStore(kind: 'localStorage' | 'sessionStorage' = 'localStorage'): KeyValueStore {
  const memory = new Map<string, string>();
  // Read on every call, inside the try: merely touching it may throw.
  const storage = (): Storage => window[kind];
  return {
    get(key) {
      let value = null;
      try {
        value = storage().getItem(key);
      } catch {
        // Unreachable: memory answers.
      }
      return value ?? memory.get(key) ?? null;
    },
    set(key, value) {
      try {
        storage().setItem(key, value);
        memory.delete(key);
      } catch {
        memory.set(key, value);
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        storage().removeItem(key);
      } catch {
        // Already unreachable.
      }
    },
  };
}
