import { probe } from './local-storage.js';

/**
 * search-insights' `LocalStorage` helper (JSON values, static methods), kept for code that uses
 * it. Never throws; `store` is probed lazily and may be replaced.
 */
// biome-ignore lint/complexity/noStaticOnlyClass: search-insights exports this exact static class.
export class LocalStorage {
  private static probed: Storage | undefined | null = null;

  /** The storage in use, or undefined when localStorage is missing or refuses writes. */
  static get store(): Storage | undefined {
    if (LocalStorage.probed === null) LocalStorage.probed = probe();
    return LocalStorage.probed;
  }
  static set store(storage: Storage | undefined) {
    LocalStorage.probed = storage;
  }

  /** The parsed JSON value of `key`, or null when absent or unreadable. */
  static get<T>(key: string): T | null {
    try {
      const value = LocalStorage.store?.getItem(key);
      return value ? (JSON.parse(value) as T) : null;
    } catch {
      return null;
    }
  }

  /** Stores `value` as JSON; logs when storage is full instead of throwing. */
  static set(key: string, value: unknown): void {
    try {
      LocalStorage.store?.setItem(key, JSON.stringify(value));
    } catch {
      console.error(`Unable to set ${key} in localStorage, storage may be full.`);
    }
  }

  /** Removes `key`. */
  static remove(key: string): void {
    try {
      LocalStorage.store?.removeItem(key);
    } catch {
      // storage gone: nothing to remove
    }
  }
}
