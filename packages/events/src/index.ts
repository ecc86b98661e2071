export { formatIssue, ISSUE_CODES, type IssueCode, type ValidationIssue } from './issues.js';
export {
  DEFAULT_VALIDATION_OPTIONS,
  EVENT_SUBTYPES,
  EVENT_TYPES,
  LIMITS,
  QUERY_ID_PATTERN,
  type ResolvedValidationOptions,
  resolveValidationOptions,
  type ValidationOptions,
} from './rules.js';
export type {
  EventSubtype,
  EventsBatch,
  EventsResponse,
  EventType,
  InsightsEventPayload,
  ObjectData,
} from './types.js';
export { type BatchValidation, validateBatch } from './validate-batch.js';
export { jsonTypeOf, parseFilter, validateEvent } from './validate-event.js';
