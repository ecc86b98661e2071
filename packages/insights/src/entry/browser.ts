// The browser ESM/CJS entry. No import-time side effects: see default-client.ts.
import type { InsightsClient, RequestFnType } from '../core/types.js';
import { getRequesterForBrowser } from '../transport/browser-requester.js';
import { AlgoliaAnalytics, lazyRequester } from './browser-client.js';
import { defaultClient, publish, queueProcessor } from './default-client.js';
import { createReliableBrowserClient } from './reliable-browser-client.js';

export { getRequesterForBrowser } from '../transport/browser-requester.js';
export { keepaliveFetchTransport } from '../transport/keepalive-fetch.js';
export { beaconTransport } from '../transport/send-beacon.js';
export * from './public-api.js';
export { AlgoliaAnalytics };

/** A new `aa` over `requestFn`, published as `window[AlgoliaAnalyticsObject]` when none is set. */
export function createInsightsClient(requestFn: RequestFnType): InsightsClient {
  return publish(new AlgoliaAnalytics({ requestFn }));
}

// The page's default client delivers reliably (batching, retries, outbox), like the default
// <script> build; `init({ deliveryMode: 'direct' })` restores search-insights' one request per call.
const aa: InsightsClient = /* @__PURE__ */ defaultClient(() =>
  createReliableBrowserClient(lazyRequester(getRequesterForBrowser), undefined, 'reliable', 'browser-esm'),
);

/** Replays the loading snippet's queue of `globalObject` through `this` (an instance) or `aa`. */
export const processQueue = /* @__PURE__ */ queueProcessor(aa);

export default aa;
