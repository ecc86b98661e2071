import type { Acl } from '../apps/api-keys.js';
import type { AnalyticsReader } from './analytics-queries.js';

/** Device class derived from the User-Agent, as the Events Debugger shows it. */
export type DeviceClass = 'desktop' | 'mobile' | 'unknown';

/**
 * A problem recorded with an entry: a validation issue from `@sightline/events`, or a body-level
 * collector error (code from the error registry, field `body`).
 */
export interface EntryIssue {
  /** An `ISSUE_CODES` key, or a collector error code such as `BODY_NOT_JSON`. */
  code: string;
  /** The offending field, e.g. `events[2].objectIDs`, or `body`. */
  field: string;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  fix: string;
}

/** The request headers the debugger shows, recorded with every entry. */
export interface RecordedHeaders {
  referer: string | null;
  userAgent: string | null;
  /** X-Algolia-Agent, from the header or the query string. */
  agent: string | null;
}

/**
 * One event as the debugger shows it (`GET /api/events`). Every event of a request is an entry;
 * a body that could not be read is one entry with `event: null`.
 */
export interface DebuggerEntry {
  id: number;
  /** Shared by every entry of one HTTP request. */
  requestId: string;
  /** ISO-8601 receive time. */
  receivedAt: string;
  /** HTTP status given to the whole request (200, 422, 400, 413…). */
  status: number;
  accepted: boolean;
  /** The payload as received (numeric user tokens of accepted events turned into strings), or null. */
  event: unknown;
  /** Why this entry was refused; empty for valid events, also for the collateral events of a refused batch. */
  errors: EntryIssue[];
  headers: RecordedHeaders;
  device: DeviceClass;
}

/** A stored entry: a {@link DebuggerEntry} with its application. */
export interface StoredEntry extends DebuggerEntry {
  appId: string;
}

/** One HTTP request to record, in one transaction. */
export interface RecordedRequest {
  appId: string;
  requestId: string;
  /** Receive time in ms since the epoch; also the event time of events without `timestamp`. */
  receivedAt: number;
  status: number;
  accepted: boolean;
  headers: RecordedHeaders;
  device: DeviceClass;
  entries: { event: unknown; errors: EntryIssue[] }[];
}

/** Filters of {@link EventStore.listEntries}. Results are ordered by id (`desc` unless `order: 'asc'`). */
export interface EntryQuery {
  status?: 'accepted' | 'rejected';
  index?: string;
  eventType?: string;
  /** Matches `userToken` or `authenticatedUserToken`. */
  userToken?: string;
  /** The index name starts with this (case-sensitive; an index range, never a scan: see prefix-range.ts). */
  indexPrefix?: string;
  /** `userToken` or `authenticatedUserToken` starts with this (case-sensitive, like {@link indexPrefix}). */
  userTokenPrefix?: string;
  /** Only ids strictly below this one. */
  before?: number;
  /** Only ids strictly above this one. */
  after?: number;
  /** Receive time window, ms since the epoch, inclusive. */
  receivedFrom?: number;
  receivedTo?: number;
  limit: number;
  order?: 'asc' | 'desc';
  /**
   * Events whose stored JSON is longer than this many bytes come back as a {@link TruncatedEvent}
   * stub instead of the payload, without the payload ever being read into memory (list views). The
   * full payload stays available from {@link EventStore.getEntry}. Unset: always the full payload.
   */
  maxEventBytes?: number;
}

/**
 * What a list shows instead of an oversized payload: its size and the indexed fields, so the entry
 * still filters and reads sensibly. Fields the event did not have (or had with a non-string value)
 * are left out.
 */
export interface TruncatedEvent {
  truncated: true;
  /** Size of the stored payload's JSON, in bytes. */
  bytes: number;
  eventType?: string;
  eventName?: string;
  index?: string;
  userToken?: string;
  authenticatedUserToken?: string;
  queryID?: string;
}

/** A search reported by a search backend (`POST /1/searches`). */
export interface TrackedSearch {
  queryID: string;
  index: string;
  query: string;
  nbHits: number;
  userToken: string | null;
  /** ms since the epoch; the receive time when the backend gave none. */
  timestamp: number;
  /**
   * The search's analytics tags (Algolia's `analyticsTags` search parameter), which the Analytics
   * API's `tags=` segments filter on. Left out when the search had none.
   */
  analyticsTags?: string[];
}

/** An application: the unit of data isolation. */
export interface AppRecord {
  appId: string;
  name: string;
  createdAt: string;
}

/** An API key as stored: never the key itself. */
export interface KeyRecord {
  id: number;
  appId: string;
  /** First characters of the key, not secret. */
  prefix: string;
  acl: Acl[];
  description: string;
  createdAt: string;
  revokedAt: string | null;
}

/** What {@link EventStore.createKey} needs. */
export interface NewKey {
  appId: string;
  hash: string;
  prefix: string;
  acl: Acl[];
  description: string;
}

/**
 * Storage of the collector. SQLite and PostgreSQL both implement it and pass one contract suite
 * (test/event-store.contract.test.ts). Every method resolves only after its writes are committed.
 */
export interface EventStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Records one request (accepted or refused) in one transaction. */
  appendRequest(request: RecordedRequest): Promise<void>;
  /** Entries of one application (or of all when `appId` is null: CLI export only). */
  listEntries(appId: string | null, query: EntryQuery): Promise<StoredEntry[]>;
  /** How many entries {@link listEntries} would walk through without a limit. */
  countEntries(appId: string | null, query: Omit<EntryQuery, 'limit'>): Promise<number>;
  getEntry(appId: string, id: number): Promise<StoredEntry | null>;
  /** Deletes every entry and tracked search of a user token (user or authenticated). */
  deleteUserToken(appId: string, userToken: string): Promise<{ entries: number; searches: number }>;
  /** Stores tracked searches; a queryID already stored for the app is kept as it was. */
  appendSearches(appId: string, searches: TrackedSearch[]): Promise<void>;
  listSearches(appId: string, query: { limit: number }): Promise<TrackedSearch[]>;
  /** The tracked search of a queryID, or null (the debugger's "is this queryID real?"). */
  getSearch(appId: string, queryID: string): Promise<TrackedSearch | null>;
  /** Search analytics over tracked searches and the events tied to them (docs/analytics.md). */
  readonly analytics: AnalyticsReader;
  /**
   * Deletes at most `batchSize` entries received before `cutoff` (ms since the epoch, with their
   * search links) and at most `batchSize` tracked searches made before it, in one short
   * transaction. Callers repeat while a count equals `batchSize`.
   */
  purgeBefore(cutoff: number, batchSize: number): Promise<{ entries: number; searches: number }>;
  createApp(app: { appId: string; name: string }): Promise<AppRecord>;
  listApps(): Promise<AppRecord[]>;
  createKey(key: NewKey): Promise<KeyRecord>;
  listKeys(appId?: string): Promise<KeyRecord[]>;
  /** Marks a key revoked; false when no such (unrevoked) key exists. */
  revokeKey(id: number): Promise<boolean>;
  /** The key with this SHA-256 hash, revoked or not. */
  findKeyByHash(hash: string): Promise<KeyRecord | null>;
  /**
   * Creates the application and its keys only if the store has no application yet, atomically (so
   * several processes starting together bootstrap once). True when it did.
   */
  bootstrap(app: { appId: string; name: string }, keys: NewKey[]): Promise<boolean>;
  close(): Promise<void>;
}
