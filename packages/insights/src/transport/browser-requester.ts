import { insightsError } from '../core/errors.js';
import type { Transport } from '../core/ports.js';
import type { RequestFnType } from '../core/types.js';
import { factsOf, toRequestFn } from './facts.js';
import { fetchTransport } from './fetch.js';
import { beaconTransport } from './send-beacon.js';
import { xhrTransport } from './xhr.js';

const has = (probe: () => unknown) => {
  try {
    return Boolean(probe());
  } catch {
    return false;
  }
};

/**
 * The browser chain: `sendBeacon` first; when it is missing, refuses or throws, XHR; without XHR,
 * `fetch`. Throws `SL_NO_TRANSPORT` when none exists, as search-insights does.
 */
export function getRequesterForBrowser(): RequestFnType {
  const fallback: Transport | undefined = has(() => XMLHttpRequest)
    ? xhrTransport()
    : has(() => fetch)
      ? fetchTransport()
      : undefined;
  if (has(() => navigator.sendBeacon)) {
    return toRequestFn(beaconTransport(fallback ?? (() => Promise.resolve(factsOf(0)))));
  }
  if (fallback) return toRequestFn(fallback);
  throw insightsError('SL_NO_TRANSPORT', 'no sendBeacon, XMLHttpRequest or fetch. Fix: pass a requestFn.');
}
