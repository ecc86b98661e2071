import { insightsError, MESSAGES } from '../core/errors.js';
import type { Transport } from '../core/ports.js';
import type { RequestFnType } from '../core/types.js';
import { toRequestFn } from './facts.js';
import { fetchTransport } from './fetch.js';
import { beaconTransport } from './send-beacon.js';
import { xhrTransport } from './xhr.js';

/**
 * The browser chain: `sendBeacon` first; when it is missing, refuses or throws, XHR; without XHR
 * (workers), `fetch`. Throws `SL_NO_TRANSPORT` when none exists, as search-insights does.
 */
export function getRequesterForBrowser(): RequestFnType {
  const fallback: Transport | undefined =
    typeof XMLHttpRequest === 'function'
      ? xhrTransport()
      : typeof fetch === 'function'
        ? fetchTransport()
        : undefined;
  const transport =
    typeof navigator === 'object' && 'sendBeacon' in navigator ? beaconTransport(fallback) : fallback;
  if (!transport)
    throw insightsError('SL_NO_TRANSPORT', MESSAGES && 'Fix: pass a requestFn to createInsightsClient');
  return toRequestFn(transport);
}

/**
 * The `<script>` builds' chain: `sendBeacon`, then XHR. Pages always have XHR, so the fetch
 * fallback (for workers) is left out of the 3 kB bundle.
 */
export function getRequesterForScript(): RequestFnType {
  return toRequestFn(beaconTransport(xhrTransport()));
}
