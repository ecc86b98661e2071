import type { Transport } from '../core/ports.js';
import { DEFAULT_TIMEOUT_MS, factsOf } from './facts.js';

/**
 * `XMLHttpRequest` POST with `application/json`, a real timeout, never rejects. `Retry-After` is
 * not read: cross-origin it is hidden unless the server exposes it, and the browser bundle is tight.
 */
export function xhrTransport(timeoutMs = DEFAULT_TIMEOUT_MS): Transport {
  return (url, body) =>
    new Promise((resolve) => {
      try {
        const request = new XMLHttpRequest();
        request.open('POST', url);
        request.setRequestHeader('Content-Type', 'application/json');
        request.timeout = timeoutMs;
        // loadend follows load, error, abort and timeout alike; status is 0 for the last three.
        request.onloadend = () => resolve(factsOf(request.status));
        request.send(body);
      } catch {
        resolve(factsOf(0));
      }
    });
}
