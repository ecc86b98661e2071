import type { Transport } from '../core/ports.js';
import { byteLength, MAX_BODY_BYTES } from '../core/split-batches.js';
import { DEFAULT_TIMEOUT_MS, factsOf, failed, parseRetryAfter } from './facts.js';

// Bytes of keepalive bodies this bundle has in flight. Browsers cap them per page (64 KiB, shared
// with beacons) and reject a fetch that would go over, so one counter serves every client.
let inFlight = 0;

/**
 * `fetch` with a string body (so `text/plain;charset=UTF-8`): a CORS-simple request (no
 * preflight) whose answer can be read, so the retry policy learns the real status (`Retry-After`
 * cross-origin only when the server exposes it). `keepalive: true`, so it outlives the page like
 * a beacon, as long as the page's keepalive quota has room for the body; otherwise a plain fetch,
 * which the browser always accepts (it is cancelled if the page goes away first: the outbox
 * resends those events). A rejected fetch is a network error, retryable: it never falls back to a
 * beacon, whose "queued" would hide a loss. `fallback` (a beacon) serves only where fetch is
 * missing. Never rejects.
 */
export function keepaliveFetchTransport(
  fallback: Transport = failed,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Transport {
  return (url, body) => {
    if (typeof fetch !== 'function') return fallback(url, body);
    // The bytes this request holds of the quota: 0 when it goes as a plain fetch.
    let held = byteLength(body);
    if (inFlight + held > MAX_BODY_BYTES) held = 0;
    inFlight += held;
    // A request that never answers must not hold its calls (and the outbox entry) forever: after
    // the timeout it is a network error, retried like one.
    return fetch(url, {
      method: 'POST',
      body,
      keepalive: !!held,
      signal: AbortSignal.timeout?.(timeoutMs),
    })
      .then(
        (response) => factsOf(response.status, parseRetryAfter(response.headers.get('Retry-After'))),
        failed,
      )
      .finally(() => {
        inFlight -= held;
      });
  };
}
