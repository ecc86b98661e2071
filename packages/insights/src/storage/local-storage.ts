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

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

// The stand-in keeps its methods on the prototype, so `Object.keys` lists only the stored keys,
// exactly as it does for a real Storage: one code path serves both.
const memoryStorage = (): StorageLike =>
  Object.create({
    getItem(this: Record<string, string>, key: string) {
      return this[key] ?? null;
    },
    setItem(this: Record<string, string>, key: string, value: string) {
      this[key] = value;
    },
    removeItem(this: Record<string, string>, key: string) {
      delete this[key];
    },
  });

/**
 * localStorage as a {@link KeyValueStore}, probed on first use (not at import). When localStorage
 * is missing or refuses writes, an in-memory stand-in takes its place so inference still works
 * within the page; every call is guarded, so a storage that starts throwing later degrades to
 * "nothing stored".
 */
export function createLocalStorageStore(): KeyValueStore {
  let storage: StorageLike | undefined;
  const use =
    <A extends unknown[], T>(action: (s: StorageLike, ...args: A) => T, fallback?: T) =>
    (...args: A): T => {
      try {
        return action((storage ??= probe() ?? memoryStorage()), ...args);
      } catch {
        return fallback as T;
      }
    };
  return {
    get: use((s, key: string) => s.getItem(key), null),
    set: use((s, key: string, value: string) => s.setItem(key, value)),
    remove: use((s, key: string) => s.removeItem(key)),
    // Storage exposes its keys as own enumerable properties in every browser.
    keys: use((s) => Object.keys(s), []),
  };
}
