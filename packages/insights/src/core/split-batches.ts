/** The Insights API's ceiling of events per request (`shared/spec/insights-api.md`). */
export const MAX_EVENTS_PER_REQUEST = 1000;

/**
 * Body budget of one request, in bytes: `sendBeacon` and `fetch(…, { keepalive: true })` share a
 * 64 KiB quota per page for in-flight bodies; staying under it keeps unload-time sends possible.
 */
export const MAX_BODY_BYTES = 60_000;

/** UTF-8 byte length: the quota counts bytes, not UTF-16 units. */
export const byteLength = (text: string): number => new Blob([text]).size;

/**
 * Splits events, in order, into groups of at most `maxEvents` whose `{"events":[…]}` body stays
 * under `maxBytes`. An event too large to fit any body travels alone (the API will say why).
 */
export function splitBatches<E>(
  events: readonly E[],
  maxEvents = MAX_EVENTS_PER_REQUEST,
  maxBytes = MAX_BODY_BYTES,
): E[][] {
  const batches: E[][] = [];
  let current: E[] = [];
  // Starts "full", so the first event opens the first batch. `{"events":[]}` is 13 bytes; each
  // event adds a comma (one too many for the first: a byte of margin).
  let size = maxBytes;
  for (const event of events) {
    const bytes = byteLength(JSON.stringify(event)) + 1;
    if (size + bytes > maxBytes || current.length >= maxEvents) {
      current = [];
      batches.push(current);
      size = 13;
    }
    current.push(event);
    size += bytes;
  }
  return batches;
}
