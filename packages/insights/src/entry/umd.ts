// The default UMD and IIFE entry (global `AlgoliaAnalytics`): the drop-in with reliable delivery.
// The only entries with import-time side effects: they replay the loading snippet's queue as soon
// as the script runs, and listen for pagehide/visibilitychange.
import type { AlgoliaAnalytics } from '../core/algolia-analytics.js';
import { getFunctionalInterface } from '../core/command-table.js';
import { replayQueue, type SnippetGlobal } from '../core/queue.js';
import type { RequestFnType } from '../core/types.js';
import { createReliableBrowserClient } from './reliable-browser-client.js';

function create(requestFn: RequestFnType | undefined, mode: 'reliable' | 'direct'): AlgoliaAnalytics {
  const instance = createReliableBrowserClient(requestFn, undefined, mode);
  if (typeof window === 'object' && window) {
    replayQueue(getFunctionalInterface(instance), window as unknown as SnippetGlobal);
  }
  return instance;
}

/**
 * Like search-insights': a client that sends through `requestFn`, one request per call. The caller
 * owns the transport, so reliable delivery (which needs status facts) is opt-in here:
 * `init({ deliveryMode: 'reliable' })` switches to Sightline's own keepalive-fetch transport.
 */
export function createInsightsClient(requestFn: RequestFnType): AlgoliaAnalytics {
  return create(requestFn, 'direct');
}

// The page's default client: reliable delivery.
// `deliveryMode: 'direct'` sends through the reliable transport too (keepalive fetch, else beacon).
export default create(undefined, 'reliable');
