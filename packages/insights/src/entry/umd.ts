// The default UMD and IIFE entry (global `AlgoliaAnalytics`): the drop-in with reliable delivery.
// The only entries with import-time side effects: they replay the loading snippet's queue as soon
// as the script runs, and listen for pagehide/visibilitychange.
import type { AlgoliaAnalytics } from '../core/algolia-analytics.js';
import { getFunctionalInterface } from '../core/command-table.js';
import { replayQueue, type SnippetGlobal } from '../core/queue.js';
import type { RequestFnType } from '../core/types.js';
import { getScriptRequester } from '../transport/script-requester.js';
import { createReliableBrowserClient } from './reliable-browser-client.js';

/** Like search-insights' UMD: a client instance, which takes over the page's snippet queue. */
export function createInsightsClient(requestFn: RequestFnType): AlgoliaAnalytics {
  const instance = createReliableBrowserClient(requestFn);
  if (typeof window === 'object' && window) {
    replayQueue(getFunctionalInterface(instance), window as unknown as SnippetGlobal);
  }
  return instance;
}

// The script chain only builds closures here; no browser API is touched before the first send.
export default createInsightsClient(getScriptRequester());
