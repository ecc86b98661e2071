import type { Transport } from '../core/ports.js';
import { failed } from './facts.js';

/**
 * `navigator.sendBeacon` with a string body (so `text/plain`: no CORS preflight, and it survives
 * page unload). The response is never seen: a queued beacon counts as accepted. A missing,
 * refused or throwing beacon (payload over the 64 kB quota, blocked by an extension) hands over
 * to `fallback`.
 */
export function beaconTransport(fallback: Transport = failed): Transport {
  return (url, body) => {
    try {
      // Queued: accepted as far as anyone can tell (no status to read).
      if (navigator.sendBeacon(url, body))
        return Promise.resolve({ ok: true, status: 0, retryable: false, retryAfterMs: undefined });
    } catch {
      // fall through to the fallback transport
    }
    return fallback(url, body);
  };
}
