import type { Transport, TransportResult } from '../core/ports.js';
import type { RequestFnType } from '../core/types.js';

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const ms = /^\s*\d+\s*$/.test(value) ? +value * 1000 : Date.parse(value) - now;
  // A date in the past means "now"; an unreadable value (NaN) is no header at all.
  return ms > 0 ? ms : ms <= 0 ? 0 : undefined;
}

/**
 * The facts of one HTTP answer. Only 200 counts as accepted (what search-insights and
 * InstantSearch expect); no answer (status 0), 408, 429 and 5xx may succeed on a later try.
 */
export function factsOf(status: number, retryAfterMs?: number): TransportResult {
  return {
    ok: status === 200,
    status,
    retryable: !status || status === 408 || status === 429 || status > 499,
    retryAfterMs,
  };
}

/** The transport of last resort, and the facts of no answer: a network error, retryable. */
export const failed = (): Promise<TransportResult> => Promise.resolve(factsOf(0));

/** Turns a facts-returning transport into the search-insights `requestFn` seam. */
export function toRequestFn(transport: Transport): RequestFnType {
  return (url, data) => transport(url, JSON.stringify(data)).then((result) => result.ok);
}

/** How long an XHR, fetch or Node request may take before it is abandoned, in ms. */
export const DEFAULT_TIMEOUT_MS = 10_000;
