import type { Transport } from '../core/ports.js';
import { factsOf, parseRetryAfter } from './facts.js';

/**
 * `fetch` with `keepalive: true` and a `text/plain` body: a CORS-simple request (no preflight)
 * that, like a beacon, outlives the page, but whose answer can be read, so the retry policy
 * learns the real status. When fetch is missing or refuses the request (keepalive bodies share a
 * 64 kB quota per page), `fallback` (a beacon) takes over. Never rejects.
 */
export function keepaliveFetchTransport(fallback?: Transport): Transport {
  return (url, body) =>
    Promise.resolve()
      .then(() =>
        fetch(url, {
          method: 'POST',
          body,
          keepalive: true,
          headers: { 'Content-Type': 'text/plain' },
        }),
      )
      .then(
        (response) => factsOf(response.status, parseRetryAfter(response.headers.get('Retry-After'))),
        () => (fallback ? fallback(url, body) : factsOf(0)),
      );
}
