// The UMD and IIFE entry (global `AlgoliaAnalytics`). The only entry with import-time side
// effects: it replays the loading snippet's queue as soon as the script runs.
import type { AlgoliaAnalytics as Instance } from '../core/algolia-analytics.js';
import { getFunctionalInterface } from '../core/command-table.js';
import { replayQueue, type SnippetGlobal } from '../core/queue.js';
import type { RequestFnType } from '../core/types.js';
import { AlgoliaAnalytics, lazyBrowserRequester } from './browser-client.js';

/** Like search-insights' UMD: a client instance, which takes over the page's snippet queue. */
export function createInsightsClient(requestFn: RequestFnType): Instance {
  const instance = new AlgoliaAnalytics({ requestFn });
  if (typeof window === 'object' && window) {
    replayQueue(getFunctionalInterface(instance), window as unknown as SnippetGlobal);
  }
  return instance;
}

export default createInsightsClient(lazyBrowserRequester());
