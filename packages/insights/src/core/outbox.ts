import type { KeyValueStore } from './ports.js';
import type { InsightsEvent } from './types.js';

/** Unconfirmed events, each with the request URL (endpoint and query string) it goes to; oldest first. */
export type Unsent = Map<InsightsEvent, string>;

/** Persistence of unconfirmed events between page loads. */
export interface Outbox {
  /** What earlier pages left, events past the age limit (or without a timestamp) removed. */
  load(): Unsent;
  /**
   * Replaces what is stored with the newest events that fit the bounds. When some do not fit,
   * `console.warn('SL_OUTBOX_FULL', count)`: those would be lost if the page went away now.
   */
  save(unsent: Unsent): void;
  clear(): void;
}

/** Bounds of {@link createOutbox}. */
export interface OutboxOptions {
  store: KeyValueStore;
  /** Storage key. @default 'sightline-outbox' */
  key?: string;
  /** Most events kept; the oldest go first. Room for a burst of 1000 and more. @default 2000 */
  maxEvents?: number;
  /** Most characters of stored JSON (about 280 per click event). @default 1000000 */
  maxChars?: number;
  /**
   * Events older than this (by their `timestamp`) are dropped instead of resent: the API refuses
   * a whole batch when one event is too old (4 days in older docs, 30 days now), so a stale event
   * would sink fresh ones. @default 259200000 (3 days)
   */
  maxAgeMs?: number;
  /** Clock. @default Date.now */
  now?: () => number;
}

/**
 * An outbox in one key of a {@link KeyValueStore} (localStorage in browsers), stored as
 * `{ [url]: events }`. When the store refuses a write (quota) or the JSON is too large, the newest
 * half is tried, and so on: the outbox never throws and never fills the page's storage quota.
 */
export function createOutbox({
  store,
  key = 'sightline-outbox',
  maxEvents = 2000,
  maxChars = 1_000_000,
  maxAgeMs = 3 * 24 * 60 * 60 * 1000,
  now = Date.now,
}: OutboxOptions): Outbox {
  return {
    load() {
      const unsent: Unsent = new Map();
      try {
        const stored = JSON.parse(store.get(key)!) as Record<string, InsightsEvent[]>;
        for (const url in stored) {
          for (const event of stored[url]!) if (now() - event.timestamp! < maxAgeMs) unsent.set(event, url);
        }
      } catch {
        // nothing stored, or not ours: nothing to resend
      }
      return unsent;
    },
    save(unsent) {
      for (let limit = maxEvents; ; limit >>= 1) {
        if (!limit || !unsent.size) {
          if (unsent.size) console.warn('SL_OUTBOX_FULL', unsent.size);
          return store.remove(key);
        }
        const grouped: Record<string, InsightsEvent[]> = {};
        for (const [event, url] of [...unsent].slice(-limit)) {
          grouped[url] ??= [];
          grouped[url].push(event);
        }
        const json = JSON.stringify(grouped);
        if (json.length <= maxChars) {
          store.set(key, json);
          if (store.get(key) === json) {
            if (unsent.size > limit) console.warn('SL_OUTBOX_FULL', unsent.size - limit);
            return;
          }
        }
      }
    },
    clear: () => store.remove(key),
  };
}
