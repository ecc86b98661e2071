import type { AlgoliaAnalytics } from '../core/algolia-analytics.js';
import { getFunctionalInterface } from '../core/command-table.js';
import { replayQueue, type SnippetGlobal } from '../core/queue.js';
import type { InsightsClient, InsightsMethods } from '../core/types.js';
import { API_VERSION } from '../core/version.js';
import { registerGlobal } from './register-global.js';

/** `aa` for an instance, with `version`, published on `window` by `createInsightsClient`. */
export function publish(instance: AlgoliaAnalytics): InsightsClient {
  const aa = getFunctionalInterface(instance);
  registerGlobal(aa);
  aa.version = API_VERSION;
  return aa;
}

/**
 * The default `aa` of an ESM/CJS entry. Importing must have no side effects, so its instance is
 * made (storage read, page listeners added) and it publishes itself on `window` at its first call
 * instead of at import.
 */
export function defaultClient(create: () => AlgoliaAnalytics): InsightsClient {
  let inner: ((...args: unknown[]) => unknown) | undefined;
  const aa = ((...args: unknown[]) => {
    registerGlobal(aa);
    inner ??= getFunctionalInterface(create()) as (...a: unknown[]) => unknown;
    return inner(...args);
  }) as InsightsClient;
  aa.version = API_VERSION;
  return aa;
}

/**
 * search-insights' `processQueue`: call it with an instance as `this`
 * (`processQueue.call(instance, window)`); called plainly, it drives `fallback`.
 */
export function queueProcessor(fallback: InsightsClient) {
  return function processQueue(this: unknown, globalObject: SnippetGlobal): void {
    const self = this as InsightsMethods | undefined;
    replayQueue(typeof self?.init === 'function' ? getFunctionalInterface(self) : fallback, globalObject);
  };
}
