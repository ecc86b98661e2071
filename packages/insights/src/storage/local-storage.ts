import type { KeyValueStore } from '../core/ports.js';

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
 * localStorage as a {@link KeyValueStore}. Probed on first use, not at import, and every call is
 * guarded: a throwing or full storage degrades to "nothing stored", never to an exception.
 */
export function createLocalStorageStore(): KeyValueStore {
  let storage: Storage | undefined | null = null;
  const use = <T>(action: (s: Storage) => T, fallback: T): T => {
    try {
      if (storage === null) storage = probe();
      return storage ? action(storage) : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    get: (key) => use((s) => s.getItem(key), null),
    set: (key, value) => use((s) => s.setItem(key, value), undefined),
    remove: (key) => use((s) => s.removeItem(key), undefined),
    keys: () =>
      use((s) => {
        const keys: string[] = [];
        for (let i = 0; i < s.length; i++) keys.push(s.key(i)!);
        return keys;
      }, []),
  };
}
