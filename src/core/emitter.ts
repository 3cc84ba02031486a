/** Map of event names to the payload their listeners receive. */
export type EventMap = Record<string, unknown>;

export interface Emitter<Events extends EventMap> {
  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof Events>(type: K, listener: (payload: Events[K]) => void): () => void;
  emit<K extends keyof Events>(type: K, payload: Events[K]): void;
  /** Drops every listener. */
  clear(): void;
}

/**
 * A typed event emitter in the manner of mitt. A listener that throws does not
 * stop the others nor reach the emitter's caller: the page must keep working.
 */
export function createEmitter<Events extends EventMap>(
  onListenerError: (error: unknown, type: keyof Events) => void = () => {},
): Emitter<Events> {
  let listeners = new Map<keyof Events, Array<(payload: never) => void>>();
  return {
    on(type, listener) {
      const list = listeners.get(type) ?? [];
      list.push(listener as (payload: never) => void);
      listeners.set(type, list);
      return () => {
        const current = listeners.get(type);
        if (current) listeners.set(type, current.filter((l) => l !== listener));
      };
    },
    emit(type, payload) {
      // A snapshot: listeners added or removed while emitting apply from the next emit.
      for (const listener of [...(listeners.get(type) ?? [])]) {
        try {
          (listener as (p: typeof payload) => void)(payload);
        } catch (error) {
          if (type !== 'error') onListenerError(error, type);
        }
      }
    },
    clear() {
      listeners = new Map();
    },
  };
}
