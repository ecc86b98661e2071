import type {
  InsightsAdditionalEventParams,
  InsightsEvent,
  InsightsEventConversionSubType,
  InsightsEventType,
} from './types.js';

type UserToken = number | string | undefined;

/**
 * Splits event-method arguments: every event has an `index`, so an object without one is the
 * additional parameters (the last one wins). Anything that is not an object is ignored.
 */
export function splitArguments<E>(params: readonly unknown[]): {
  events: E[];
  additionalParams: InsightsAdditionalEventParams | undefined;
} {
  const events: E[] = [];
  let additionalParams: InsightsAdditionalEventParams | undefined;
  for (const param of params) {
    if (param === null || typeof param !== 'object') continue;
    if ('index' in param) events.push(param as E);
    else additionalParams = param as InsightsAdditionalEventParams;
  }
  return { events, additionalParams };
}

/** Adds the type (and subtype) in front, so an event's own fields win, as in search-insights. */
export function withType(
  eventType: InsightsEventType,
  eventSubtype: InsightsEventConversionSubType | undefined,
  events: readonly object[],
): InsightsEvent[] {
  return events.map(
    (event) =>
      (eventSubtype ? { eventType, eventSubtype, ...event } : { eventType, ...event }) as InsightsEvent,
  );
}

/**
 * Fills `objectData[i].queryID` of conversions that have no `queryID` from the remembered
 * clicks/add-to-carts, and lists the filled objects in `objectIDsWithInferredQueryID`. Events
 * where nothing was found are returned untouched.
 */
export function inferQueryIDs(
  events: readonly InsightsEvent[],
  recall: (index: string, objectID: string) => string | undefined,
): InsightsEvent[] {
  return events.map((event) => {
    if (event.queryID || event.eventType !== 'conversion' || !Array.isArray(event.objectIDs)) return event;
    const inferred: string[] = [];
    const objectData = event.objectIDs.map((objectID, i) => {
      const data = event.objectData?.[i];
      if (data?.queryID) return data;
      const queryID = recall(event.index, objectID);
      if (queryID) inferred.push(objectID);
      return { ...data, queryID };
    });
    return inferred.length ? { ...event, objectData, objectIDsWithInferredQueryID: inferred } : event;
  });
}

/**
 * The wire form: the client's tokens where the event has none, each filter URL-encoded. `owned`:
 * the events are fresh copies (made by {@link withType}) and are completed in place, so an event
 * method copies each event once, not twice; otherwise each event is copied first. Field order is
 * search-insights': the event's own fields, then the tokens, then `filters`.
 */
export function toPayload(
  events: readonly InsightsEvent[],
  userToken: UserToken,
  authenticatedUserToken: UserToken,
  owned?: boolean,
): InsightsEvent[] {
  return events.map((event) => {
    const payload = owned ? event : { ...event };
    const { filters } = payload;
    payload.userToken ??= userToken;
    payload.authenticatedUserToken ??= authenticatedUserToken;
    // The API wants each `attribute:value` part URL-encoded; search-insights encodes the whole string.
    if (filters !== undefined) {
      delete payload.filters; // re-added last, where search-insights puts it
      payload.filters = filters.map(encodeURIComponent);
    }
    return payload;
  });
}
