import type { BatchValidation, ValidationIssue } from '@sightline/events';

/**
 * Most entries a 422's `errors` lists: every issue carries a message and a fix of a few hundred
 * bytes, so a 1000-event batch of bad events would otherwise answer with a body of ~300 kB.
 */
export const MAX_LISTED_EVENT_ERRORS = 100;

/**
 * One invalid event of a refused `POST /1/events`, as the 422's `errors` lists it (a Sightline
 * extension; Algolia's body has `status` and `message` only): its first broken rule, with where
 * the event sits in the batch.
 */
export interface EventError extends ValidationIssue {
  /** Position of the event in `events`; null when the body itself is wrong (`field: "body"`). */
  eventIndex: number | null;
}

/** The extra fields of a validation 422: the first invalid events, and how many there are in all. */
export interface EventErrorList {
  /** One entry per invalid event, in batch order, at most {@link MAX_LISTED_EVENT_ERRORS}. */
  errors: EventError[];
  /** How many entries `errors` would have without the cap. */
  errorCount: number;
}

/** Lists the culprits of a refused batch from `validateBatch`'s `eventIssues`. */
export function listEventErrors(
  result: Extract<BatchValidation, { ok: false }>,
  max: number = MAX_LISTED_EVENT_ERRORS,
): EventErrorList {
  if (result.eventIndex === -1) {
    return { errors: [{ eventIndex: null, ...result.issue }], errorCount: 1 };
  }
  const errors: EventError[] = [];
  let errorCount = 0;
  result.eventIssues.forEach((issue, eventIndex) => {
    if (issue === null) return;
    errorCount++;
    if (errors.length < max) errors.push({ eventIndex, ...issue });
  });
  return { errors, errorCount };
}
