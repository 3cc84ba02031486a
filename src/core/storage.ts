/**
 * A string key-value store handed to the core (localStorage in a browser, a Map
 * in tests). Implementations never throw: a failing store behaves as empty.
 */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** The one slot that holds the encoded decision: the consent cookie in a browser. */
export interface RecordSlot {
  read(): string | null;
  /** `maxAgeDays`: how long the browser keeps it. */
  write(value: string, maxAgeDays: number): void;
  remove(): void;
}

/** Milliseconds since the epoch; a fake in tests. */
export interface Clock {
  now(): number;
}

/** A Map-backed store: tests, and the fallback where the browser refuses storage. */
export function createMemoryStore(): KeyValueStore & { readonly size: number } {
  const map = new Map<string, string>();
  return {
    get: (key) => map.get(key) ?? null,
    set: (key, value) => void map.set(key, value),
    remove: (key) => void map.delete(key),
    get size() {
      return map.size;
    },
  };
}

/** A record slot in memory: tests, and headless use where the decision need not outlive the page. */
export function createMemorySlot(initial: string | null = null): RecordSlot & { value: string | null; maxAgeDays: number | null } {
  return {
    value: initial,
    maxAgeDays: null,
    read() {
      return this.value;
    },
    write(value, maxAgeDays) {
      this.value = value;
      this.maxAgeDays = maxAgeDays;
    },
    remove() {
      this.value = null;
    },
  };
}
