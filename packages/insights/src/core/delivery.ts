import type { InsightsEvent, RequestFnType } from './types.js';

/** One `POST /1/events` the core wants made. */
export interface DeliveryRequest {
  /**
   * `<endpoint>/1/events?` + credentials, agent and extra per-call headers, percent-encoded: built
   * once per settings change (init, agent), not once per call. Calls with the same URL may share
   * a request.
   */
  url: string;
  /** The events, in wire form. */
  events: InsightsEvent[];
}

/**
 * The one seam between the core and sending. The core hands every built request to a Delivery
 * and reports its answer (`true` = accepted) to the caller. Batching, retries with backoff and a
 * persistent outbox are Delivery implementations wrapping a transport; the core does not change.
 */
export type Delivery = (request: DeliveryRequest) => Promise<boolean>;

/** Sends each request at once through a search-insights-style `requestFn`, no retries. */
export function directDelivery(requestFn: RequestFnType): Delivery {
  return ({ url, events }) => requestFn(url, { events });
}
