import type { RequestFnType } from '../core/types.js';
import { DEFAULT_TIMEOUT_MS } from './facts.js';

/**
 * The drop-in `<script>` build's chain, search-insights' own: `sendBeacon` (its answer is never
 * seen: a queued beacon counts as sent), else an XHR (`application/json`, real timeout) when the
 * beacon is missing, refused or throws. A bare `requestFn` rather than `beaconTransport` +
 * `xhrTransport` + `toRequestFn`: the core build needs a yes/no, not facts, and this saves about
 * 100 B of its 3 kB. A failed send resolves false; only data that JSON cannot encode rejects.
 */
export function getScriptRequester(): RequestFnType {
  return async (url, data) => {
    const body = JSON.stringify(data);
    try {
      if (navigator.sendBeacon(url, body)) return true;
    } catch {
      // blocked by an extension, or over the beacon quota: XHR below
    }
    // An XHR that cannot even start (a bad URL, no XMLHttpRequest) rejects: that is a false too.
    return new Promise<boolean>((resolve) => {
      const request = new XMLHttpRequest();
      request.open('POST', url);
      request.setRequestHeader('Content-Type', 'application/json');
      request.timeout = DEFAULT_TIMEOUT_MS;
      // loadend follows load, error, abort and timeout alike; status is 0 for the last three.
      request.onloadend = () => resolve(request.status === 200);
      request.send(body);
    }).catch(() => false);
  };
}
