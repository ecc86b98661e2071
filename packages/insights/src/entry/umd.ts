// The UMD and IIFE entry (global `AlgoliaAnalytics`). The only entry with import-time side
// effects: it replays the loading snippet's queue as soon as the script runs.
import { AlgoliaAnalytics } from '../core/algolia-analytics.js';
import { getFunctionalInterface } from '../core/command-table.js';
import { replayQueue, type SnippetGlobal } from '../core/queue.js';
import type { RequestFnType } from '../core/types.js';
import { getRequesterForScript } from '../transport/browser-requester.js';
import { browserOptions } from './browser-client.js';

/** Like search-insights' UMD: a client instance, which takes over the page's snippet queue. */
export function createInsightsClient(requestFn: RequestFnType): AlgoliaAnalytics {
  const instance = new AlgoliaAnalytics(browserOptions({ requestFn }));
  if (typeof window === 'object' && window) {
    replayQueue(getFunctionalInterface(instance), window as unknown as SnippetGlobal);
  }
  return instance;
}

// The script chain only builds closures here; no browser API is touched before the first send.
export default createInsightsClient(getRequesterForScript());
