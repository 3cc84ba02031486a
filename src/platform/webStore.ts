import type { KeyValueStore } from '../core/storage';
import { createWebStoreOn } from './createWebStore';

/**
 * localStorage (or sessionStorage) behind the core's store interface. Where the
 * browser refuses storage (privacy modes, quota, sandboxed iframes, or no
 * window at all) every call falls back to memory, so the page view still
 * works and nothing throws.
 */
export function createWebStore(kind: 'localStorage' | 'sessionStorage' = 'localStorage'): KeyValueStore {
  return createWebStoreOn(() => window[kind]);
}
