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
 * Each entry is stored under its own key, `prefix + index.length:index:objectID` (the length
 * makes it collision-free: (`a_b`, `c`) and (`a`, `b_c`) never meet), as `storedAt:queryID`:
 * remembering and recalling are O(1), with no whole-map rewrite per click, and both formats are
 * plain concatenation (JSON.stringify of a key and a value was half the cost of a click in Node).
 * A Set keeps the keys in age order for O(1) eviction of the oldest.
 */
export function createRememberedQueries(
  persist: KeyValueStore,
  { maxEntries = 5000, maxAgeMs = 30 * 24 * 60 * 60 * 1000 }: RememberedQueriesOptions = {},
): RememberedQueries {
  let order: Set<string> | undefined;
  // biome-ignore lint/correctness/useParseIntRadix: values start with decimal digits we wrote ("0x…" would be foreign junk)
  const storedAt = (value: string) => parseInt(value);
  const keyOf = (index: string, objectID: string) =>
    `${QUERY_KEY_PREFIX}${String(index).length}:${index}:${objectID}`;
  const stored = () => persist.keys().filter((key) => key.startsWith(QUERY_KEY_PREFIX));
  const drop = (key: string) => {
    order?.delete(key);
    persist.remove(key);
  };
  // The stored `storedAt:queryID` while it is young enough. Unreadable or foreign values have no
  // usable age (NaN) and are dropped like expired ones.
  const read = (key: string) => {
    const value = persist.get(key) as string;
    if (Date.now() - storedAt(value) < maxAgeMs) return value;
    drop(key);
  };
  // Built on first use, oldest first, from what earlier pages of the site stored.
  const timeOf = (key: string) => storedAt(persist.get(key)!);
  const load = () =>
    (order ??= new Set(
      stored()
        .filter(read)
        .sort((a, b) => timeOf(a) - timeOf(b)),
    ));

  return {
    remember(index, objectID, queryID) {
      const key = keyOf(index, objectID);
      const keys = load();
      keys.delete(key); // re-adding moves it to the young end
      keys.add(key);
      persist.set(key, `${Date.now()}:${queryID}`);
      for (const oldest of keys) {
        if (keys.size <= maxEntries) break;
        drop(oldest);
      }
    },
    recall(index, objectID) {
      const value = read(keyOf(index, objectID));
      return value?.slice(value.indexOf(':') + 1);
    },
    forget(index, objectIDs) {
      for (const objectID of objectIDs) drop(keyOf(index, objectID));
    },
    clear() {
      order = new Set();
      stored().forEach(drop);
    },
  };
}
