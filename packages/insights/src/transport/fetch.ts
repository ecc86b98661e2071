import type { Transport } from '../core/ports.js';
import { DEFAULT_TIMEOUT_MS, factsOf, parseRetryAfter } from './facts.js';

/** `fetch` POST with `application/json`, aborted after `timeoutMs`; never rejects. */
export function fetchTransport(timeoutMs = DEFAULT_TIMEOUT_MS): Transport {
  return (url, body) =>
    Promise.resolve()
      .then(() =>
        fetch(url, {
          method: 'POST',
          body,
          headers: { 'Content-Type': 'application/json' },
          signal: globalThis.AbortSignal?.timeout?.(timeoutMs),
        }),
      )
      .then(
        (response) => factsOf(response.status, parseRetryAfter(response.headers.get('Retry-After'))),
        () => factsOf(0),
      );
}
