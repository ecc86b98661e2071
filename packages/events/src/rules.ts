/**
 * Limits of the Insights API, stated once. Where Algolia's sources disagree the chosen value is the
 * default of {@link ValidationOptions} and the choice is written down in docs/validation.md.
 */
export const LIMITS = {
  /** Events in one `POST /1/events` request. */
  maxEventsPerBatch: 1000,
  /** Request body must be strictly smaller than this many bytes (2 MB), else 413. */
  maxBodyBytes: 2 * 1024 * 1024,
  /** objectIDs, positions and objectData items per event. */
  maxObjectsPerEvent: 20,
  /** Characters in an event name (printable ASCII). */
  maxEventNameLength: 64,
  /** Characters in a user token (the spec says 129; older server text said 128). */
  maxUserTokenLength: 129,
  /** Characters in a decimal string for price, discount and value. */
  maxDecimalStringLength: 16,
  /** Characters in an agentic `message_…` query ID. */
  maxMessageQueryIdLength: 128,
} as const;

/** Options that settle the spec's UNCONFIRMED and DISCREPANCY points. */
export interface ValidationOptions {
  /**
   * Maximum number of filters per event. Algolia's 2023+ spec says 20, its method docs say 10.
   * @default 20
   */
  maxFilters?: number;
  /**
   * Oldest accepted timestamp, as an age in milliseconds. Current docs: 30 days; before Feb 2026: 4 days.
   * @default 2_592_000_000 (30 days)
   */
  maxTimestampAgeMs?: number;
  /**
   * Allowed clock skew for timestamps in the future, in milliseconds.
   * @default 600_000 (10 minutes)
   */
  maxFutureSkewMs?: number;
  /**
   * Reject `price` or `value` without `currency` (documented rule, enforcement unconfirmed).
   * @default true
   */
  requireCurrency?: boolean;
  /**
   * Accept integer user tokens (search-insights' types allow numbers) and treat them as strings.
   * @default true
   */
  acceptNumericUserToken?: boolean;
  /** The current time in ms, for the timestamp window. @default Date.now() */
  now?: number;
}

/** {@link ValidationOptions} with every field filled. */
export type ResolvedValidationOptions = Required<ValidationOptions>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The defaults of {@link ValidationOptions}, stated once. */
export const DEFAULT_VALIDATION_OPTIONS: Omit<ResolvedValidationOptions, 'now'> = {
  maxFilters: 20,
  maxTimestampAgeMs: 30 * DAY_MS,
  maxFutureSkewMs: 10 * 60 * 1000,
  requireCurrency: true,
  acceptNumericUserToken: true,
};

/** Fills every unset validation option from {@link DEFAULT_VALIDATION_OPTIONS}. */
export function resolveValidationOptions(options: ValidationOptions = {}): ResolvedValidationOptions {
  return {
    maxFilters: options.maxFilters ?? DEFAULT_VALIDATION_OPTIONS.maxFilters,
    maxTimestampAgeMs: options.maxTimestampAgeMs ?? DEFAULT_VALIDATION_OPTIONS.maxTimestampAgeMs,
    maxFutureSkewMs: options.maxFutureSkewMs ?? DEFAULT_VALIDATION_OPTIONS.maxFutureSkewMs,
    requireCurrency: options.requireCurrency ?? DEFAULT_VALIDATION_OPTIONS.requireCurrency,
    acceptNumericUserToken:
      options.acceptNumericUserToken ?? DEFAULT_VALIDATION_OPTIONS.acceptNumericUserToken,
    now: options.now ?? Date.now(),
  };
}

/** Printable ASCII, 1–64 characters. */
export const EVENT_NAME_PATTERN = /^[\x20-\x7E]{1,64}$/;
/** User token charset; length is checked separately for a clearer message. */
export const USER_TOKEN_PATTERN = /^[a-zA-Z0-9_=/+-]+$/;
/** A search query ID: 32 lowercase hex characters. */
export const QUERY_ID_PATTERN = /^[0-9a-f]{32}$/;
/** An agentic query ID (Aug 2026): `message_` then printable ASCII. */
export const MESSAGE_QUERY_ID_PATTERN = /^message_[\x20-\x7E]+$/;
/** ISO 4217 currency code. */
export const CURRENCY_PATTERN = /^[A-Za-z]{3}$/;
/** A decimal number written as a string. */
export const DECIMAL_STRING_PATTERN = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** The event types the API accepts. */
export const EVENT_TYPES = ['click', 'conversion', 'view', 'instantsearch'] as const;
/** The conversion subtypes the API accepts. */
export const EVENT_SUBTYPES = ['addToCart', 'purchase'] as const;
