/**
 * The Insights event as it travels on the wire (`POST /1/events` body items).
 * One type covers the 13 documented variants; which fields are required depends on
 * `eventType`, `eventSubtype` and whether the event is tied to a search (`queryID`).
 */
export interface InsightsEventPayload {
  /** `click`, `conversion`, `view`, or (since Aug 2026) `instantsearch`. */
  eventType: EventType;
  /** Only on conversions: `addToCart` or `purchase`. */
  eventSubtype?: EventSubtype;
  /** 1–64 printable ASCII characters. */
  eventName: string;
  /** The index the event relates to. Required for every type but `instantsearch`. */
  index?: string;
  /** Pseudonymous user identifier, `[a-zA-Z0-9_=/+-]{1,129}`. */
  userToken: string | number;
  /** Identifier of a signed-in user; same rule as `userToken`. */
  authenticatedUserToken?: string;
  /** Milliseconds since the Unix epoch; the receive time when absent. */
  timestamp?: number;
  /** 32 lowercase hex characters from a search response with `clickAnalytics=true`. */
  queryID?: string;
  /** 1–20 object IDs; exclusive with `filters`. */
  objectIDs?: string[];
  /** 1–20 `attribute:value` facet filters, each part URL-encoded; exclusive with `objectIDs`. */
  filters?: string[];
  /** Click only: absolute 1-based positions, one per object ID. */
  positions?: number[];
  /** Per-object data for add-to-cart and purchase events, index-aligned with `objectIDs`. */
  objectData?: ObjectData[];
  /** Total monetary value of the event (number or a decimal string of at most 16 characters). */
  value?: number | string;
  /** ISO 4217 code, required whenever `value` or any `price` is present. */
  currency?: string;
  /** Only on `instantsearch` events: the agent that produced them. */
  agentID?: string;
  /** Unknown fields are accepted and kept (Autocomplete sends `algoliaSource`, for instance). */
  [extra: string]: unknown;
}

/** Event types the API accepts. */
export type EventType = 'click' | 'conversion' | 'view' | 'instantsearch';

/** Conversion subtypes the API accepts. */
export type EventSubtype = 'addToCart' | 'purchase';

/** Per-object data on add-to-cart and purchase events. */
export interface ObjectData {
  /** Final unit price (discount applied), number or decimal string of at most 16 characters. */
  price?: number | string;
  /** Absolute discount per unit, same format as `price`. */
  discount?: number | string;
  /** Units added or bought (int32). */
  quantity?: number;
  /** The search this object was found with (after-search variants only). */
  queryID?: string;
  [extra: string]: unknown;
}

/** The `POST /1/events` request body. */
export interface EventsBatch {
  events: InsightsEventPayload[];
}

/** Body of every JSON response of `/1/events`: `{"status":200,"message":"OK"}` on success. */
export interface EventsResponse {
  status: number;
  message: string;
}
