import type { InsightsClient } from './types.js';
import { API_VERSION } from './version.js';

/** The part of `window` the loading snippet uses. */
export interface SnippetGlobal {
  AlgoliaAnalyticsObject?: string;
  [pointer: string]: unknown;
}

type Stub = { queue?: ArrayLike<unknown>[]; version?: string };

/**
 * Replays the calls the loading snippet queued before the library arrived, in order, then makes
 * the stub's `queue.push` run calls at once, so references to the stub captured before load keep
 * working. A queued call that throws is reported and never stops the ones after it. The stub's
 * `version` becomes the API level: the snippet derives it from the script URL (`sightline` for
 * `…/@sightline/insights@0.1.0/…`), and InstantSearch, reading it, would take us for an old client.
 */
export function replayQueue(aa: InsightsClient, globalObject: SnippetGlobal): void {
  const pointer = globalObject.AlgoliaAnalyticsObject;
  const stub = (pointer && globalObject[pointer]) as Stub | undefined;
  // Only an object or function can carry a queue (a string stub would throw in strict mode).
  if (Object(stub) !== stub) return;
  stub!.version = API_VERSION;
  // biome-ignore lint/suspicious/noAssignInExpressions: one expression, a few bytes fewer.
  const queue = (stub!.queue ??= []);
  // apply takes the snippet's `arguments` objects as they are.
  const run = (args: ArrayLike<unknown>) =>
    (aa as (...a: unknown[]) => unknown).apply(undefined, args as unknown[]);
  for (const args of queue) {
    try {
      run(args);
    } catch (error) {
      console.error(error);
    }
  }
  // search-insights redefines `push` too: the snippet's stub stays `window.aa` forever.
  (queue as { push: unknown }).push = run;
}
