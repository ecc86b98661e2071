import { ISSUE_CODES, type IssueCode, type ValidationIssue } from './issues.js';
import { LIMITS, resolveValidationOptions, type ValidationOptions } from './rules.js';
import type { InsightsEventPayload } from './types.js';
import { jsonTypeOf, validateEvent } from './validate-event.js';

/** The outcome of {@link validateBatch}. */
export type BatchValidation =
  | {
      ok: true;
      /** The events, with integer user tokens turned into strings; unknown fields kept. */
      events: InsightsEventPayload[];
    }
  | {
      ok: false;
      /** The first broken rule: the one the API reports. */
      issue: ValidationIssue;
      /** Index of the first failing event, or -1 when the body itself is wrong. */
      eventIndex: number;
      /**
       * The first broken rule of every event (null for valid ones), so a debugger can show the
       * culprits of a refused batch. Empty when the body itself is wrong.
       */
      eventIssues: (ValidationIssue | null)[];
      /** The events array when there was one, for recording what was refused. */
      events: unknown[];
    };

function bodyIssue(code: IssueCode, detail: string, fix: string): BatchValidation {
  return {
    ok: false,
    issue: { code, field: 'body', message: `${ISSUE_CODES[code]} ${detail}`.trim(), fix },
    eventIndex: -1,
    eventIssues: [],
    events: [],
  };
}

/**
 * Validates a parsed `POST /1/events` body. The batch is all-or-nothing, as Algolia's is: one bad
 * event refuses the whole request.
 */
export function validateBatch(body: unknown, options: ValidationOptions = {}): BatchValidation {
  if (Array.isArray(body)) {
    return bodyIssue('BATCH_IS_ARRAY', 'Got an array.', 'wrap the events: {"events":[…]}.');
  }
  if (typeof body !== 'object' || body === null) {
    return bodyIssue('BATCH_NOT_OBJECT', `Got ${jsonTypeOf(body)}.`, 'send {"events":[…]}.');
  }
  const events = (body as { events?: unknown }).events;
  if (events === undefined) {
    return bodyIssue('BATCH_NO_EVENTS', 'No `events` field.', 'wrap the events: {"events":[…]}.');
  }
  if (!Array.isArray(events)) {
    return bodyIssue('BATCH_EVENTS_NOT_ARRAY', `Got ${jsonTypeOf(events)}.`, 'send events as an array.');
  }
  if (events.length === 0) return bodyIssue('BATCH_NO_EVENTS', 'Got 0 events.', 'send at least one event.');
  if (events.length > LIMITS.maxEventsPerBatch) {
    return bodyIssue(
      'BATCH_TOO_MANY_EVENTS',
      `Got ${events.length}.`,
      'split the events into requests of at most 1000.',
    );
  }
  const resolved = resolveValidationOptions(options);
  const eventIssues = events.map((event, i) => validateEvent(event, `events[${i}]`, resolved));
  const first = eventIssues.findIndex((found) => found !== null);
  if (first >= 0) {
    return { ok: false, issue: eventIssues[first]!, eventIndex: first, eventIssues, events };
  }
  return {
    ok: true,
    events: (events as InsightsEventPayload[]).map((event) =>
      typeof event.userToken === 'number' ? { ...event, userToken: String(event.userToken) } : event,
    ),
  };
}
