import type { KeyValueStore } from './ports.js';

/**
 * objectID → queryID memory for `inferQueryID`: a click or add-to-cart after a search is
 * remembered so that a later purchase of the same object can be attributed to that search.
 */
export interface RememberedQueries {
  remember(index: string, objectID: string, queryID: string): void;
  recall(index: string, objectID: string): string | undefined;
  forget(index: string, objectIDs: readonly string[]): void;
  /** Forgets everything, persisted entries included (used on opt-out). */
  clear(): void;
}

/** Limits of the remembered-query store. */
export interface RememberedQueriesOptions {
  /** Oldest entries are dropped beyond this. @default 5000 (about 500 kB in localStorage) */
  maxEntries?: number;
  /** Entries older than this are ignored and dropped, in ms. @default 2592000000 (30 days, the API's event age limit) */
  maxAgeMs?: number;
  /** Where entries live, one key each: localStorage in browsers, {@link createMemoryKeyValueStore} elsewhere. */
  persist: KeyValueStore;
  /** Clock, in ms since the epoch. @default Date.now */
  now?: () => number;
}

/** Prefix of the stored keys, so they can be listed and cleared without touching others. */
export const QUERY_KEY_PREFIX = 'sightline-query:';

/** A {@link KeyValueStore} in a Map: one per client, so no two clients (or users of a server) share entries. */
export function createMemoryKeyValueStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    get: (key) => map.get(key),
    set: (key, value) => void map.set(key, value),
    remove: (key) => void map.delete(key),
    keys: () => [...map.keys()],
  };
}

/**
 * Each entry is stored under its own key, `prefix + JSON [index, objectID]` (so (`a_b`, `c`) and
 * (`a`, `b_c`) never collide), as `[queryID, storedAt]`: remembering and recalling are O(1), with
 * no whole-map rewrite per click. A Set keeps the keys in age order for O(1) eviction of the oldest.
 */
export function createRememberedQueries({
  maxEntries = 5000,
  maxAgeMs = 30 * 24 * 60 * 60 * 1000,
  persist,
  now = Date.now,
}: RememberedQueriesOptions): RememberedQueries {
  let order: Set<string> | undefined;
  const keyOf = (index: string, objectID: string) => QUERY_KEY_PREFIX + JSON.stringify([index, objectID]);
  const stored = () => persist.keys().filter((key) => key.startsWith(QUERY_KEY_PREFIX));
  const drop = (key: string) => {
    order?.delete(key);
    persist.remove(key);
  };
  // Unreadable or foreign values have no usable age and are dropped like expired ones.
  const read = (key: string): [string, number] | undefined => {
    try {
      const entry = JSON.parse(persist.get(key)!);
      if (now() - entry[1] < maxAgeMs) return entry;
    } catch {}
    drop(key);
  };
  // Built on first use, oldest first, from what earlier pages of the site stored.
  const load = () =>
    (order ??= new Set(
      stored()
        .map((key) => [key, read(key)?.[1]] as const)
        .filter((pair) => pair[1])
        .sort((a, b) => a[1]! - b[1]!)
        .map((pair) => pair[0]),
    ));

  return {
    remember(index, objectID, queryID) {
      const key = keyOf(index, objectID);
      const keys = load();
      keys.delete(key); // re-adding moves it to the young end
      keys.add(key);
      persist.set(key, JSON.stringify([queryID, now()]));
      for (const oldest of keys) {
        if (keys.size <= maxEntries) break;
        drop(oldest);
      }
    },
    recall: (index, objectID) => read(keyOf(index, objectID))?.[0],
    forget(index, objectIDs) {
      for (const objectID of objectIDs) drop(keyOf(index, objectID));
    },
    clear() {
      order = new Set();
      stored().forEach(drop);
    },
  };
}
