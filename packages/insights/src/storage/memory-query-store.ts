import type { RememberedQueries, RememberedQueriesOptions } from '../core/remembered-queries.js';

/** One remembered click, linked into the age order (oldest first). */
interface Entry {
  index: string;
  objectID: string;
  queryID: string;
  at: number;
  older: Entry | undefined;
  younger: Entry | undefined;
}

/**
 * The time, read once per synchronous task: a burst of calls (a server handling a request, a
 * loop) stamps its entries with one `Date.now()`, a third of a remember's cost otherwise. The
 * reading is dropped in a microtask, so it is never older than the task that made it.
 */
let taskTime: number | undefined;
const taskNow = () => {
  if (taskTime === undefined) {
    taskTime = Date.now();
    queueMicrotask(() => {
      taskTime = undefined;
    });
  }
  return taskTime;
};

/**
 * {@link RememberedQueries} in memory, for servers: one per client, so no two users of a process
 * share entries. Same rules as the localStorage store (bounded in entries, oldest evicted first,
 * re-remembering refreshes, bounded in age), built for a click path of well under a microsecond:
 * entries are filed by index then objectID in nested Maps (no key string to build and hash per
 * call), and the age order is a doubly linked list through the entries, so refreshing and
 * evicting are O(1) and, once full, an evicted entry is reused for the next new one. (Evicting in
 * a Map's own insertion order is not O(1): V8's ordered tables keep deleted slots at the front
 * until the next rehash, and every `keys().next()` walks over them.)
 */
export function createMemoryQueryStore({
  maxEntries = 5000,
  maxAgeMs = 30 * 24 * 60 * 60 * 1000,
}: RememberedQueriesOptions = {}): RememberedQueries {
  let byIndex = new Map<string, Map<string, Entry>>();
  let size = 0;
  let oldest: Entry | undefined;
  let youngest: Entry | undefined;
  const find = (index: string, objectID: string) => byIndex.get(index)?.get(objectID);
  const unlink = (entry: Entry) => {
    if (entry.older) entry.older.younger = entry.younger;
    else oldest = entry.younger;
    if (entry.younger) entry.younger.older = entry.older;
    else youngest = entry.older;
  };
  const drop = (entry: Entry) => {
    unlink(entry);
    byIndex.get(entry.index)!.delete(entry.objectID);
    size--;
  };
  return {
    remember(index, objectID, queryID) {
      let byObject = byIndex.get(index);
      if (!byObject) {
        byObject = new Map();
        byIndex.set(index, byObject);
      }
      let entry = byObject.get(objectID);
      if (entry) {
        unlink(entry);
      } else {
        // Full: the oldest entry leaves, and its object carries the new one.
        if (size >= maxEntries && oldest) {
          entry = oldest;
          drop(entry);
          entry.index = index;
          entry.objectID = objectID;
        } else {
          entry = { index, objectID, queryID, at: 0, older: undefined, younger: undefined };
        }
        byObject.set(objectID, entry);
        size++;
      }
      entry.queryID = queryID;
      entry.at = taskNow();
      entry.older = youngest;
      entry.younger = undefined;
      if (youngest) youngest.younger = entry;
      else oldest = entry;
      youngest = entry;
      if (size > maxEntries) drop(oldest!); // only with maxEntries 0
    },
    recall(index, objectID) {
      const entry = find(index, objectID);
      if (!entry) return undefined;
      if (Date.now() - entry.at < maxAgeMs) return entry.queryID;
      drop(entry);
      return undefined;
    },
    forget(index, objectIDs) {
      for (const objectID of objectIDs) {
        const entry = find(index, objectID);
        if (entry) drop(entry);
      }
    },
    clear() {
      byIndex = new Map();
      size = 0;
      oldest = undefined;
      youngest = undefined;
    },
  };
}
