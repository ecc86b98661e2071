import type { InsightsEvent, RequestFnType } from './types.js';

/** One `POST /1/events` the core wants made. */
export interface DeliveryRequest {
  /** Origin of the Insights API, without a trailing slash. */
  endpoint: string;
  /**
   * Query parameters in order: credentials, agent, extra per-call headers. Not yet encoded. Shared
   * between calls with the same settings: read it, never change it.
   */
  params: Record<string, string>;
  /**
   * `endpoint/1/events?` + the encoded `params`: built once per settings change (init, agent),
   * not once per call.
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
