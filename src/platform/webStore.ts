import { createMemoryStore, type KeyValueStore } from '../core/storage';

/**
 * localStorage (or sessionStorage) behind the core's store interface. Where the
 * browser refuses storage (privacy modes, quota, sandboxed iframes) every call
 * falls back to memory, so the page view still works and nothing throws.
 */
export function createWebStore(kind: 'localStorage' | 'sessionStorage' = 'localStorage'): KeyValueStore {
  const memory = createMemoryStore();
  const storage = (): Storage | null => {
    try {
      return typeof window === 'undefined' ? null : window[kind];
    } catch {
      return null;
    }
  };
  return {
    get(key) {
      try {
        return storage()?.getItem(key) ?? memory.get(key);
      } catch {
        return memory.get(key);
      }
    },
    set(key, value) {
      try {
        const s = storage();
        if (!s) throw new Error('no storage');
        s.setItem(key, value);
        memory.remove(key);
      } catch {
        memory.set(key, value);
      }
    },
    remove(key) {
      memory.remove(key);
      try {
        storage()?.removeItem(key);
      } catch {
        // Already unreachable.
      }
    },
  };
}
