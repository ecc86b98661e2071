import type { Transport } from '../core/ports.js';
import { factsOf, failed } from './facts.js';

/**
 * `navigator.sendBeacon` with a string body (so `text/plain`: no CORS preflight, and it survives
 * page unload). The response is never seen: a queued beacon counts as accepted. A missing,
 * refused or throwing beacon (payload over the 64 kB quota, blocked by an extension) hands over
 * to `fallback`.
 */
export function beaconTransport(fallback: Transport = failed): Transport {
  return (url, body) => {
    try {
      if (navigator.sendBeacon(url, body))
        return Promise.resolve({ ...factsOf(0), ok: true, retryable: false });
    } catch {
      // fall through to the fallback transport
    }
    return fallback(url, body);
  };
}
