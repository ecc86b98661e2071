// Deduplication of resent events. @sightline/insights stamps every event with a random `eventID`
// (an extra field, which Algolia's API accepts and ignores) and resends unconfirmed events after
// a network error or on the next page load, so the same event can arrive more than once. The
// first accepted copy claims (app, eventID) in the `event_ids` table inside the same transaction
// as the entry; later copies are acknowledged (200) but not stored again.
import type { RecordedRequest } from './event-store.js';

/** Longest `eventID` honoured; longer values are kept as plain fields and never deduplicated. */
export const MAX_EVENT_ID_LENGTH = 128;

/** The event's `eventID` when it is a usable one (a non-empty string, at most 128 characters). */
export function eventIdOf(event: unknown): string | undefined {
  const id =
    typeof event === 'object' && event !== null ? (event as { eventID?: unknown }).eventID : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_EVENT_ID_LENGTH ? id : undefined;
}

/** The distinct event IDs an accepted request claims; none for a refused one (its events must stay resendable). */
export function eventIdsToClaim(request: RecordedRequest): string[] {
  if (!request.accepted) return [];
  const ids = new Set<string>();
  for (const { event } of request.entries) {
    const id = eventIdOf(event);
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}

/**
 * The request without its duplicate events, given the IDs whose claim succeeded (`fresh`, which
 * is consumed). Copies inside the same request are duplicates too: the first one takes the claim.
 */
export function withoutDuplicates(request: RecordedRequest, fresh: Set<string>): RecordedRequest {
  if (!request.accepted) return request;
  const entries = request.entries.filter(({ event }) => {
    const id = eventIdOf(event);
    return id === undefined || fresh.delete(id);
  });
  return entries.length === request.entries.length ? request : { ...request, entries };
}
