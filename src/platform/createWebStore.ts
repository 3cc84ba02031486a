import type { WebStore } from './Platform';

/**
 * Web storage behind the store interface. Where the browser refuses storage
 * (privacy modes, quota, sandboxed iframes, or no window at all) every call
 * falls back to memory, so the page view still works and nothing throws.
 * @param storage returns the Storage; called inside a guard on every access, since merely touching it may throw
 */
export function createWebStoreOn(storage: () => Storage): WebStore {
  const memory = new Map<string, string>();
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
        return true;
      } catch {
        memory.set(key, value);
        return false;
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
    keys() {
      let stored: string[] = [];
      try {
        stored = Object.keys(storage());
      } catch {
        // Unreachable: only memory holds keys.
      }
      return [...new Set([...stored, ...memory.keys()])];
    },
  };
}
