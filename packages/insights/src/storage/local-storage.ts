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
 * `localStorage` when the page may reach it (sandboxed frames and some privacy settings throw on
 * access). Unlike {@link probe} it writes nothing: a storage that later refuses writes (quota,
 * old Safari private mode) only means nothing is remembered, which every call tolerates.
 */
const reachable = (): Record<string, string> | undefined => {
  try {
    return globalThis.localStorage as unknown as Record<string, string>;
  } catch {
    // unreachable: undefined
  }
};

/**
 * localStorage as a {@link KeyValueStore}, probed on first use (not at import). Entries are read
 * and written as named properties (`storage[key]`), which Storage supports in every browser for
 * keys that are not its own method names (ours all start with a prefix), so that a plain object
 * can stand in when localStorage is missing or refuses writes: inference still works within the
 * page. Every call is guarded, so a storage that starts throwing later (quota) degrades to
 * "nothing stored".
 */
export function createLocalStorageStore(): KeyValueStore {
  let storage: Record<string, string> | undefined;
  const use =
    <A extends unknown[], T>(action: (s: Record<string, string>, ...args: A) => T, fallback?: T) =>
    (...args: A): T => {
      try {
        storage ??= reachable() ?? {};
        return action(storage!, ...args);
      } catch {
        return fallback as T;
      }
    };
  return {
    get: use((s, key: string) => s[key]),
    set: use((s, key: string, value: string) => {
      s[key] = value;
    }),
    remove: use((s, key: string) => {
      delete s[key];
    }),
    // Storage exposes its keys as own enumerable properties in every browser.
    keys: use((s) => Object.keys(s), []),
  };
}
