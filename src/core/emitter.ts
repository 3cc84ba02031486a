/** Map of event names to the payload their listeners receive. */
export type EventMap = Record<string, unknown>;

export interface Emitter<Events extends EventMap> {
  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof Events>(type: K, listener: (payload: Events[K]) => void): () => void;
  emit<K extends keyof Events>(type: K, payload: Events[K]): void;
  /** Drops every listener. */
  clear(): void;
}

type Listener = (payload: never) => void;

/**
 * A typed event emitter in the manner of mitt. A listener that throws does not
 * stop the others nor reach the emitter's caller: the page must keep working.
 */
export function createEmitter<Events extends EventMap>(
  onListenerError: (error: unknown, type: keyof Events) => void,
): Emitter<Events> {
  // Lists are replaced, never changed in place: a listener added or removed
  // while emitting applies from the next emit.
  const listeners = new Map<keyof Events, Listener[]>();
  const list = (type: keyof Events) => listeners.get(type) ?? [];
  return {
    on(type, listener) {
      listeners.set(type, [...list(type), listener as Listener]);
      return () => void listeners.set(type, list(type).filter((l) => l !== listener));
    },
    emit(type, payload) {
      for (const listener of list(type)) {
        try {
          (listener as (p: typeof payload) => void)(payload);
        } catch (error) {
          if (type !== 'error') onListenerError(error, type);
        }
      }
    },
    clear: () => listeners.clear(),
  };
}
