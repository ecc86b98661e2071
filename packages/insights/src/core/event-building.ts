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

/** The wire form: the client's tokens where the event has none, each filter URL-encoded. */
export function toPayload(
  events: readonly InsightsEvent[],
  userToken: UserToken,
  authenticatedUserToken: UserToken,
): InsightsEvent[] {
  return events.map(({ filters, ...rest }) => {
    const payload: InsightsEvent = {
      ...rest,
      userToken: rest.userToken ?? userToken,
      authenticatedUserToken: rest.authenticatedUserToken ?? authenticatedUserToken,
    };
    // The API wants each `attribute:value` part URL-encoded; search-insights encodes the whole string.
    if (filters !== undefined) payload.filters = filters.map(encodeURIComponent);
    return payload;
  });
}
