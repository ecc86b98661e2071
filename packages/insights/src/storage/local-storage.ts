import type { KeyValueStore } from '../core/ports.js';
import { createMemoryKeyValueStore } from '../core/remembered-queries.js';

/** `globalThis.localStorage` if it exists and accepts a write (Safari private mode, disabled storage and sandboxed frames throw). */
export function probe(): Storage | undefined {
  try {
    const storage = globalThis.localStorage;
    const key = '__sightline_probe__';
    storage.setItem(key, key);
    storage.removeItem(key);
    return storage;
  } catch {
    return undefined;
  }
}

/**
 * localStorage as a {@link KeyValueStore}, probed on first use (not at import). When localStorage
 * is missing or refuses writes, a Map takes its place so inference still works within the page;
 * every call is guarded, so a storage that starts throwing later degrades to "nothing stored".
 */
export function createLocalStorageStore(): KeyValueStore {
  let store: KeyValueStore | undefined;
  const use = <T>(action: (s: KeyValueStore) => T, fallback: T): T => {
    try {
      if (!store) {
        const storage = probe();
        store = storage
          ? {
              get: (key) => storage.getItem(key),
              set: (key, value) => storage.setItem(key, value),
              remove: (key) => storage.removeItem(key),
              keys: () => Array.from({ length: storage.length }, (_, i) => storage.key(i)!),
            }
          : createMemoryKeyValueStore();
      }
      return action(store);
    } catch {
      return fallback;
    }
  };
  return {
    get: (key) => use((s) => s.get(key), null),
    set: (key, value) => use((s) => s.set(key, value), undefined),
    remove: (key) => use((s) => s.remove(key), undefined),
    keys: () => use((s) => s.keys(), []),
  };
}
