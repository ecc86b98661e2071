import type { SnippetGlobal } from '../core/queue.js';
import type { InsightsClient } from '../core/types.js';
import { createUUID } from '../core/uuid.js';

/**
 * Publishes `aa` as `window[window.AlgoliaAnalyticsObject]` under a fresh random name, unless a
 * page (the loading snippet) or another client already set `AlgoliaAnalyticsObject`. InstantSearch
 * looks there to reuse the page's client instead of loading a second copy from a CDN.
 */
export function registerGlobal(aa: InsightsClient): void {
  if (typeof window !== 'object' || !window) return;
  const target = window as unknown as SnippetGlobal;
  if (target.AlgoliaAnalyticsObject) return;
  let pointer: string | undefined;
  do pointer = createUUID();
  while (pointer && target[pointer] !== undefined);
  if (!pointer) return;
  target.AlgoliaAnalyticsObject = pointer;
  target[pointer] = aa;
}
