import type { KeyValueStore } from './ports.js';
import type { InsightsEvent } from './types.js';
import { createUUID } from './uuid.js';

/** Unconfirmed events, each with the request URL (endpoint and query string) it goes to; oldest first. */
export type Unsent = Map<InsightsEvent, string>;

/**
 * Persistence of unconfirmed events between page loads, safe with several tabs of one site open:
 * each page writes only its own entry, and takes over only entries nobody works on any more.
 */
export interface Outbox {
  /**
   * Takes over what no open page works on: entries of pages that closed (saved with `closing`),
   * entries not written for `staleAfterMs` (a crashed or killed page), and events open pages gave
   * up on ({@link Outbox.release}). Events past the age limit are dropped. The entries taken are
   * removed from storage by the next {@link Outbox.save}, once this page's own entry holds them.
   */
  adopt(): Unsent;
  /**
   * Replaces this page's entry with the newest events that fit the bounds (removes it when none
   * are left). `closing`: the page is going away, so the next page may take the entry over at once.
   * When some events do not fit, `console.warn('SL_OUTBOX_FULL', count)`: those would be lost if
   * the page went away now.
   */
  save(unsent: Unsent, closing?: boolean): void;
  /** Hands events this page gave up on (retries ran out) to whichever page loads next. */
  release(events: Unsent): void;
  /** Removes every page's entry (opt-out is the user's choice, not one tab's). */
  clear(): void;
  /** Whether this page's entry is still stored (false once another page adopted it). */
  held(): boolean;
}

/** Bounds of {@link createOutbox}. */
export interface OutboxOptions {
  store: KeyValueStore;
  /**
   * Storage key of the shared entry (events given up, and what version 0.1 stored); each page's
   * own entry is `key:<random page id>`. @default 'sightline-outbox'
   */
  key?: string;
  /** Most events kept per entry; the oldest go first. Room for a burst of 1000 and more. @default 2000 */
  maxEvents?: number;
  /** Most characters of stored JSON per entry (about 280 per click event). @default 1000000 */
  maxChars?: number;
  /**
   * Events older than this (by their `timestamp`) are dropped instead of resent: the API refuses
   * a whole batch when one event is too old (4 days in older docs, 30 days now), so a stale event
   * would sink fresh ones. @default 259200000 (3 days)
   */
  maxAgeMs?: number;
  /**
   * An open page rewrites its entry whenever an event is added or settles, and gives up on a batch
   * within a minute (the retry limit): an entry silent for longer belongs to a page that was killed
   * without `pagehide` (mobile browsers do this to background tabs). @default 600000 (10 minutes)
   */
  staleAfterMs?: number;
  /** Clock. @default Date.now */
  now?: () => number;
}

/** What one entry holds: written at `t`, `c` = its page closed, `u` = events by URL. */
interface Entry {
  t?: number;
  c?: boolean;
  u?: Record<string, InsightsEvent[]>;
}

/**
 * An outbox in a {@link KeyValueStore} (localStorage in browsers). When the store refuses a write
 * (quota) or the JSON is too large, the newest half is tried, and so on: the outbox never throws
 * and never fills the page's storage quota.
 */
export function createOutbox({
  store,
  key = 'sightline-outbox',
  maxEvents = 2000,
  maxChars = 1_000_000,
  maxAgeMs = 3 * 24 * 60 * 60 * 1000,
  staleAfterMs = 600_000,
  now = Date.now,
}: OutboxOptions): Outbox {
  const prefix = `${key}:`;
  // Without Web Crypto two pages could pick the same id; the time makes that vanishingly unlikely.
  const own = prefix + (createUUID() ?? now() + Math.random());
  let taken: string[] = [];
  // The shared key and every page's; `sightline-outboxes` (say) is someone else's.
  const entries = () => store.keys().filter((k) => `${k}:`.startsWith(prefix));
  /**
   * The entry under `k`; what does not parse is an empty entry. Version 0.1 stored `{ [url]:
   * events }` under the shared key: read as an entry without a time, which is taken over.
   */
  const read = (k: string): Entry => {
    try {
      const entry = JSON.parse(store.get(k)!);
      return entry?.u ? entry : { u: entry };
    } catch {
      return {};
    }
  };
  /**
   * Adds the entry's events younger than `maxAgeMs` to `into`. Storage is shared with the site's
   * own code: a value of another shape (not a list, `null` events) stops the reading there
   * instead of throwing into the page.
   */
  const collect = ({ u }: Entry, into: Unsent) => {
    try {
      for (const url in u)
        for (const event of u[url]!) if (now() - event.timestamp! < maxAgeMs) into.set(event, url);
    } catch {
      // not ours
    }
    return into;
  };
  /** This page's events did not fit at all in its last write (storage full or refusing). */
  let unstored = false;
  /** Stores the newest events that fit under `k`; removes `k` when none do. */
  const write = (k: string, unsent: Unsent, c?: boolean) => {
    let kept = Math.min(unsent.size, maxEvents);
    for (; kept; kept >>= 1) {
      const u: Entry['u'] = {};
      // biome-ignore lint/suspicious/noAssignInExpressions: the URL's list, made on first use.
      for (const [event, url] of [...unsent].slice(-kept)) (u[url] ??= []).push(event);
      const json = JSON.stringify({ t: now(), c, u } satisfies Entry);
      if (json.length <= maxChars) {
        store.set(k, json);
        // A store refusing the write (quota) keeps the old value or none.
        if (store.get(k) === json) break;
      }
    }
    if (kept < unsent.size) console.warn('SL_OUTBOX_FULL', unsent.size - kept);
    if (!kept) store.remove(k);
    if (k === own) unstored = !kept && unsent.size > 0;
  };

  return {
    adopt() {
      const found: Unsent = new Map();
      for (const k of entries()) {
        const entry = read(k);
        // Entries without a time (unreadable, or 0.1's) are taken too, and so cleaned up.
        if (k !== own && (entry.c || !(now() - entry.t! <= staleAfterMs))) {
          collect(entry, found);
          taken.push(k);
        }
      }
      return found;
    },
    save(unsent, closing) {
      write(own, unsent, closing);
      for (const k of taken) store.remove(k);
      taken = [];
    },
    release(events) {
      write(key, new Map([...collect(read(key), new Map()), ...events]), true);
    },
    clear() {
      for (const k of entries()) store.remove(k);
      taken = [];
    },
    // Storage that refused this page's entry is not a sign another page took it.
    held: () => unstored || store.get(own) != null,
  };
}
