/**
 * The collector's debugger feed, as ARCHITECTURE.md fixes it (`GET /api/events`). Declared here
 * rather than imported so the page bundle never pulls in server code.
 */

/** A broken rule: a `ValidationIssue` of @sightline/events, or a body-level collector error. */
export interface EntryIssue {
  code: string;
  /** The offending field, e.g. `events[2].objectIDs`, or `body`. */
  field: string;
  message: string;
  fix: string;
}

/** One received event (or one unreadable request body) with the collector's verdict. */
export interface DebuggerEntry {
  id: number;
  /** Shared by every entry of one HTTP request. */
  requestId: string;
  /** ISO-8601 receive time. */
  receivedAt: string;
  /** HTTP status given to the whole request. */
  status: number;
  accepted: boolean;
  /** The payload as received, or null when the body itself was unreadable. */
  event: unknown;
  /** Why it was refused; empty for valid events and for the collateral events of a refused batch. */
  errors: EntryIssue[];
  headers: { referer: string | null; userAgent: string | null; agent: string | null };
  device: 'desktop' | 'mobile' | 'unknown';
}

/** `GET /api/events` response. */
export interface DebuggerPage {
  entries: DebuggerEntry[];
  /** Pass as `before` to get older entries; null at the end. */
  nextBefore: number | null;
}

/**
 * The filters of the debugger feed, sent as `GET /api/events` parameters of the same names. Empty
 * strings (or absent fields) mean "any".
 */
export interface FeedFilters {
  status: '' | 'accepted' | 'rejected';
  eventType: string;
  /** The index name starts with this (case-sensitive): the filter field. */
  indexPrefix: string;
  /** `userToken` or `authenticatedUserToken` starts with this (case-sensitive): the filter field. */
  userTokenPrefix: string;
  /** `userToken` or `authenticatedUserToken` is exactly this: the user timeline. */
  userToken?: string;
}

/** No filter: every entry. */
export const NO_FILTERS: FeedFilters = { status: '', eventType: '', indexPrefix: '', userTokenPrefix: '' };

/** A search reported by a search backend (`GET /api/searches/{queryID}`). */
export interface TrackedSearch {
  queryID: string;
  index: string;
  query: string;
  nbHits: number;
  userToken: string | null;
  /** ms since the epoch. */
  timestamp: number;
}
