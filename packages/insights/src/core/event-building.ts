import type {
  InsightsAdditionalEventParams,
  InsightsEvent,
  InsightsEventConversionSubType,
  InsightsEventType,
} from './types.js';

type UserToken = number | string | undefined;

/**
 * Splits event-method arguments: every event has an `index`, so an object without one is the
 * additional parameters (the last one wins). Primitives (null, strings, …) are ignored.
 */
export function splitArguments<E>(
  params: readonly unknown[],
): [events: E[], additionalParams: InsightsAdditionalEventParams | undefined] {
  const events: E[] = [];
  let additionalParams: InsightsAdditionalEventParams | undefined;
  for (const param of params) {
    // Objects and functions (as search-insights' `in` test takes them); primitives are skipped.
    if (Object(param) !== param) continue;
    if ('index' in (param as object)) events.push(param as E);
    else additionalParams = param as InsightsAdditionalEventParams;
  }
  return [events, additionalParams];
}

/**
 * The wire form of one event, always a fresh object: the method's type (and subtype) first, so
 * the event's own fields win, as in search-insights; with `recall` (inferQueryID), a conversion
 * without `queryID` gets `objectData[i].queryID` from the remembered clicks/add-to-carts and
 * `objectIDsWithInferredQueryID`; then the client's tokens where the event has none, and each
 * filter URL-encoded. Field order is search-insights': the event's own fields, then the tokens,
 * then `filters`.
 */
export function toPayload(
  events: readonly object[],
  eventType: InsightsEventType | undefined,
  eventSubtype: InsightsEventConversionSubType | undefined,
  userToken: UserToken,
  authenticatedUserToken: UserToken,
  recall?: (index: string, objectID: string) => string | undefined,
): InsightsEvent[] {
  return events.map((event) => {
    const payload = { eventType, eventSubtype, ...event } as InsightsEvent;
    const { objectIDs, filters } = payload;
    if (recall && !payload.queryID && payload.eventType === 'conversion' && objectIDs) {
      const inferred: string[] = [];
      const objectData = objectIDs.map((objectID, i) => {
        const data = payload.objectData?.[i];
        if (data?.queryID) return data;
        const queryID = recall(payload.index, objectID);
        if (queryID) inferred.push(objectID);
        return { ...data, queryID };
      });
      if (inferred.length) {
        payload.objectData = objectData;
        payload.objectIDsWithInferredQueryID = inferred;
      }
    }
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
