// The UMD and IIFE entry (global `AlgoliaAnalytics`). The only entry with import-time side
// effects: it replays the loading snippet's queue as soon as the script runs.
import type { AlgoliaAnalytics } from '../core/algolia-analytics.js';
import { getFunctionalInterface } from '../core/command-table.js';
import { assembleClient } from '../core/create-client.js';
import { replayQueue, type SnippetGlobal } from '../core/queue.js';
import { createRememberedQueries } from '../core/remembered-queries.js';
import type { RequestFnType } from '../core/types.js';
import { API_VERSION } from '../core/version.js';
import { createCookieTokenStore } from '../storage/cookie-token-store.js';
import { createLocalStorageStore } from '../storage/local-storage.js';
import { getScriptRequester } from '../transport/script-requester.js';
import { flavor } from './flavor.js';

/** Like search-insights' UMD: a client instance, which takes over the page's snippet queue. */
export function createInsightsClient(requestFn: RequestFnType): AlgoliaAnalytics {
  const instance = {
    version: API_VERSION,
    ...assembleClient({
      requestFn,
      tokenStore: createCookieTokenStore(),
      queries: createRememberedQueries(createLocalStorageStore()),
      flavor: flavor('browser-umd'),
    }),
  } as AlgoliaAnalytics;
  // globalThis rather than `window`: elsewhere (Node, workers) no `AlgoliaAnalyticsObject` is set,
  // and replayQueue then does nothing.
  replayQueue(getFunctionalInterface(instance), globalThis as unknown as SnippetGlobal);
  return instance;
}

// The script chain only builds closures here; no browser API is touched before the first send.
export default createInsightsClient(getScriptRequester());
