import type { RequestFnType } from '../core/types.js';
import { xhrTransport } from './xhr.js';

/**
 * The drop-in `<script>` build's chain, search-insights' own: `sendBeacon` (its answer is never
 * seen, a queued beacon counts as sent), else XHR when the beacon is missing, refused or throws.
 * Written as a bare `requestFn` rather than through `beaconTransport` + `toRequestFn`: the core
 * build needs no facts, and this saves 60 B of its 3 kB.
 */
export function getScriptRequester(): RequestFnType {
  const xhr = xhrTransport();
  return (url, data) => {
    const body = JSON.stringify(data);
    try {
      if (navigator.sendBeacon(url, body)) return Promise.resolve(true);
    } catch {
      // blocked by an extension, or over the beacon quota: XHR below
    }
    return xhr(url, body).then((result) => result.ok);
  };
}
