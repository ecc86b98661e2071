/**
 * Group commit for the SQLite store. A SQLite commit costs about the same for one request as for
 * thirty: its price is the pages it dirties, and the random-key B-trees (user tokens, queryIDs,
 * objectIDs, the analytics rollups) get a page dirtied per row when each request commits alone.
 * So the requests handed over during one turn of the event loop are written by one transaction,
 * run from `setImmediate` once the turn's I/O callbacks (the other requests that arrived meanwhile)
 * have run. Every caller's promise settles after that commit, so a 200 still means "on disk".
 */

/** Queues items and writes them in batches; see the module comment. */
export interface GroupCommit<T> {
  /** Resolves once `item` is committed; rejects with the error of its own write. */
  add(item: T): Promise<void>;
  /** Writes everything queued now (before closing the database). */
  drain(): void;
}

/**
 * Most items in one transaction: bounds how long one commit holds the event loop (and the
 * database's write lock) when thousands of requests arrive together.
 */
export const MAX_GROUP_ITEMS = 64;

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * `write` is a synchronous transaction over a batch (all or nothing). When a batch fails, each of
 * its items is written alone, so one bad request cannot fail the others queued with it.
 */
export function createGroupCommit<T>(
  write: (items: readonly T[]) => void,
  maxItems: number = MAX_GROUP_ITEMS,
): GroupCommit<T> {
  let queue: Waiting<T>[] = [];
  let scheduled = false;

  const commit = (batch: Waiting<T>[]) => {
    try {
      write(batch.map((w) => w.item));
      for (const w of batch) w.resolve();
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
    }
    for (const w of batch) {
      try {
        write([w.item]);
        w.resolve();
      } catch (error) {
        w.reject(error);
      }
    }
  };

  const next = () => {
    const batch = queue.length <= maxItems ? queue : queue.slice(0, maxItems);
    queue = queue.length <= maxItems ? [] : queue.slice(maxItems);
    commit(batch);
  };

  const flush = () => {
    scheduled = false;
    if (queue.length > 0) next();
    // More than one batch was waiting: the requests that arrived meanwhile get their turn first.
    if (queue.length > 0 && !scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };

  return {
    add(item) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    drain() {
      while (queue.length > 0) next();
    },
  };
}
