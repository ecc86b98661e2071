import type { KeyValueStore } from './ports.js';
import type { InsightsEvent } from './types.js';

/** Events not yet confirmed, with the request URL (endpoint and query string) they go to. */
export interface OutboxEntry {
  /** `…/1/events?…` with credentials and agent. */
  url: string;
  events: InsightsEvent[];
}

/** Persistence of unconfirmed events between page loads. */
export interface Outbox {
  /** What an earlier page left, events past the age limit removed. */
  load(): OutboxEntry[];
  /** Replaces what is stored; keeps the newest events within the bounds. */
  save(entries: readonly OutboxEntry[]): void;
  clear(): void;
}

/** Bounds of {@link createOutbox}. */
export interface OutboxOptions {
  store: KeyValueStore;
  /** Storage key. @default 'sightline-outbox' */
  key?: string;
  /** Most events kept; the oldest go first. @default 500 */
  maxEvents?: number;
  /** Most bytes (UTF-16 units of the stored JSON) kept. @default 256000 */
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

/** The outbox defaults, stated once. */
export const OUTBOX_DEFAULTS = {
  key: 'sightline-outbox',
  maxEvents: 500,
  maxChars: 256_000,
  maxAgeMs: 3 * 24 * 60 * 60 * 1000,
};

/**
 * An outbox in one key of a {@link KeyValueStore} (localStorage in browsers). When the store
 * refuses a write (quota), half the events are dropped, oldest first, until a write sticks or
 * nothing is left: the outbox never grows into the page's storage quota nor throws.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { store, now = Date.now } = options;
  const { key, maxEvents, maxChars, maxAgeMs } = { ...OUTBOX_DEFAULTS, ...definedOnly(options) };
  const fresh = (event: InsightsEvent) => !(now() - (event.timestamp ?? 0) > maxAgeMs);

  return {
    load() {
      try {
        const entries = JSON.parse(store.get(key) ?? '[]') as OutboxEntry[];
        return entries
          .map(({ url, events }) => ({ url, events: events.filter(fresh) }))
          .filter((entry) => typeof entry.url === 'string' && entry.events.length);
      } catch {
        return [];
      }
    },
    save(entries) {
      let limit = maxEvents;
      for (;;) {
        const kept = newest(entries, limit);
        if (!kept.length) {
          store.remove(key);
          return;
        }
        const json = JSON.stringify(kept);
        if (json.length <= maxChars) {
          store.set(key, json);
          if (store.get(key) === json) return;
        }
        limit = Math.floor(Math.min(limit, count(kept)) / 2);
      }
    },
    clear: () => store.remove(key),
  };
}

const count = (entries: readonly OutboxEntry[]) => entries.reduce((n, entry) => n + entry.events.length, 0);

/** The last `limit` events across entries, order kept. */
function newest(entries: readonly OutboxEntry[], limit: number): OutboxEntry[] {
  let skip = count(entries) - limit;
  const kept: OutboxEntry[] = [];
  for (const { url, events } of entries) {
    const rest = skip > 0 ? events.slice(skip) : events;
    skip -= events.length - rest.length;
    if (rest.length) kept.push({ url, events: rest });
  }
  return kept;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
