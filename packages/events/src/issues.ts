/**
 * Every way an event or a batch can break an Insights API rule, with its code, the rule in words
 * and how to fix it. Client and collector both report these, so a message means the same on both
 * sides. docs/validation.md is checked against this table by a test.
 */
export const ISSUE_CODES = {
  BATCH_NOT_OBJECT: 'The body must be a JSON object `{"events":[…]}`.',
  BATCH_IS_ARRAY: 'The body must be the events-batch object `{"events":[…]}`, not a JSON array.',
  BATCH_NO_EVENTS: 'The body needs an `events` array with at least one event.',
  BATCH_EVENTS_NOT_ARRAY: '`events` must be an array of event objects.',
  BATCH_TOO_MANY_EVENTS: 'At most 1000 events per request.',
  EVENT_NOT_OBJECT: 'Each event must be a JSON object.',
  FIELD_TYPE: 'A field has the wrong JSON type.',
  EVENT_NAME_MISSING: '`eventName` is required.',
  EVENT_NAME_INVALID: '`eventName` must be 1–64 printable ASCII characters.',
  EVENT_TYPE_MISSING: '`eventType` is required.',
  EVENT_TYPE_INVALID: '`eventType` must be click, conversion, view or instantsearch.',
  EVENT_SUBTYPE_INVALID: '`eventSubtype` must be addToCart or purchase on a conversion.',
  INDEX_MISSING: '`index` is required.',
  INDEX_EMPTY: '`index` must not be empty.',
  USER_TOKEN_MISSING: '`userToken` is required.',
  USER_TOKEN_INVALID: '`userToken` must be 1–129 characters of a-z, A-Z, 0-9, _ = / + -.',
  AUTHENTICATED_USER_TOKEN_INVALID:
    '`authenticatedUserToken` must be 1–129 characters of a-z, A-Z, 0-9, _ = / + -.',
  OBJECTS_OR_FILTERS_MISSING: 'An event needs `objectIDs` or `filters`.',
  OBJECTS_AND_FILTERS: 'An event cannot have both `objectIDs` and `filters`.',
  OBJECT_IDS_EMPTY: '`objectIDs` needs 1–20 items.',
  OBJECT_IDS_TOO_MANY: '`objectIDs` has at most 20 items.',
  OBJECT_ID_EMPTY: 'An object ID must not be empty.',
  FILTERS_EMPTY: '`filters` needs at least one item.',
  FILTERS_TOO_MANY: '`filters` has too many items.',
  FILTER_INVALID:
    'A filter must be `attribute:value` with each part URL-encoded; numeric filters are not allowed.',
  POSITIONS_NOT_CLICK: '`positions` is only allowed on click events.',
  POSITIONS_WITHOUT_QUERY_ID: 'A click with `positions` needs a `queryID`.',
  POSITIONS_MISSING: 'A click with `queryID` and `objectIDs` needs `positions`, one per object ID.',
  POSITIONS_WITHOUT_OBJECT_IDS: '`positions` needs `objectIDs`, one position per object ID.',
  POSITIONS_LENGTH: '`positions` must have as many items as `objectIDs`.',
  POSITION_INVALID: 'Each position must be an integer from 1 to 2147483647 (absolute, 1-based).',
  QUERY_ID_INVALID: '`queryID` must be 32 lowercase hex characters from a search response.',
  OBJECT_DATA_LENGTH: '`objectData` must have 1–20 items, as many as `objectIDs`.',
  OBJECT_DATA_TOO_MANY: '`objectData` has at most 20 items.',
  DECIMAL_INVALID: 'Prices, discounts and values are numbers or decimal strings of at most 16 characters.',
  QUANTITY_INVALID: '`quantity` must be an integer (int32).',
  CURRENCY_INVALID: '`currency` must be a 3-letter ISO 4217 code.',
  CURRENCY_MISSING: '`currency` is required when `value` or a `price` is given.',
  TIMESTAMP_TOO_OLD: '`timestamp` is too far in the past.',
  TIMESTAMP_IN_FUTURE: '`timestamp` is in the future.',
  AGENT_ID_INVALID: '`agentID` must be a non-empty string.',
} as const;

/** A stable code naming one API rule. */
export type IssueCode = keyof typeof ISSUE_CODES;

/** One broken rule: which field, which rule, and how to fix it. */
export interface ValidationIssue {
  /** Stable code of the rule. */
  code: IssueCode;
  /** The path of the offending field, e.g. `events[2].objectIDs[0]` or `eventName`. */
  field: string;
  /** What is wrong, with what was expected and what was received. */
  message: string;
  /** What to change so that the API accepts the event. */
  fix: string;
}

/** Formats an issue as one sentence: message, then the fix. */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.message} Fix: ${issue.fix}`;
}
