import type { Transport } from '../core/ports.js';
import { factsOf, parseRetryAfter } from './facts.js';

/**
 * `fetch` with `keepalive: true` and a string body (so `text/plain;charset=UTF-8`): a CORS-simple
 * request (no preflight) that, like a beacon, outlives the page, but whose answer can be read, so
 * the retry policy learns the real status (`Retry-After` cross-origin only when the server
 * exposes it). A rejected fetch is a network error, retryable: it never falls back to a beacon,
 * whose "queued" would hide a loss. `fallback` (a beacon) serves only where fetch is missing.
 * Never rejects.
 */
export function keepaliveFetchTransport(fallback?: Transport): Transport {
  return (url, body) =>
    typeof fetch !== 'function'
      ? fallback
        ? fallback(url, body)
        : Promise.resolve(factsOf(0))
      : fetch(url, { method: 'POST', body, keepalive: true }).then(
          (response) => factsOf(response.status, parseRetryAfter(response.headers.get('Retry-After'))),
          () => factsOf(0),
        );
}
