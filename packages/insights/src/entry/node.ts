// The Node ESM/CJS entry: http/https transport, no cookies, remembered queries in each client's memory.
import {
  type AlgoliaAnalyticsOptions,
  AlgoliaAnalytics as CoreAlgoliaAnalytics,
} from '../core/algolia-analytics.js';
import type { InsightsClient, RequestFnType } from '../core/types.js';
import { createMemoryQueryStore } from '../storage/memory-query-store.js';
import { getRequesterForNode } from '../transport/node-requester.js';
import { defaultClient, publish, queueProcessor } from './default-client.js';
import { flavor } from './flavor.js';

export { createMemoryQueryStore } from '../storage/memory-query-store.js';
export { type NodeHttpOptions, nodeHttpTransport } from '../transport/node-http.js';
export * from './public-api.js';
export { getRequesterForNode };

/**
 * The Node client. Remembered queryIDs live in this instance only, so two users served by one
 * process never share them; no cookie, so `setAnonymousUserToken()` does nothing unless a
 * `tokenStore` is given.
 */
export class AlgoliaAnalytics extends CoreAlgoliaAnalytics {
  constructor(options: AlgoliaAnalyticsOptions) {
    super({
      flavor: flavor('node-esm'),
      ...options,
      // A given store is honoured; otherwise the in-memory one built for the hot path.
      queries:
        options.queries ??
        (options.queryStore ? undefined : createMemoryQueryStore(options.rememberedQueries)),
    });
  }
}

/** A new `aa` over `requestFn`. */
export function createInsightsClient(requestFn: RequestFnType): InsightsClient {
  return publish(new AlgoliaAnalytics({ requestFn }));
}

const aa: InsightsClient = /* @__PURE__ */ defaultClient(
  () => new AlgoliaAnalytics({ requestFn: getRequesterForNode() }),
);

/** Replays a loading-snippet queue of `globalObject` through `this` (an instance) or `aa`. */
export const processQueue = /* @__PURE__ */ queueProcessor(aa);

export default aa;
