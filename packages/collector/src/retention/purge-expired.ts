import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Logger } from '../log/logger.js';
import type { EventStore } from '../store/event-store.js';

const DAY_MS = 86_400_000;
/** Rows per purge transaction: short enough that ingest never waits long on the write lock. */
export const PURGE_BATCH_SIZE = 5000;

/** How much one purge removed. */
export interface PurgeResult {
  entries: number;
  searches: number;
}

/**
 * Deletes everything received (entries) or searched (tracked searches) before `cutoff`, batch by
 * batch, letting other work run between batches.
 */
export async function purgeBefore(
  store: EventStore,
  cutoff: number,
  batchSize = PURGE_BATCH_SIZE,
): Promise<PurgeResult> {
  const total: PurgeResult = { entries: 0, searches: 0 };
  for (;;) {
    const batch = await store.purgeBefore(cutoff, batchSize);
    total.entries += batch.entries;
    total.searches += batch.searches;
    if (batch.entries < batchSize && batch.searches < batchSize) return total;
    await yieldToEventLoop();
  }
}

/** The retention job of a running collector. */
export interface RetentionJob {
  /** Purges what is older than the retention period now (joins a purge already running). */
  runNow(): Promise<PurgeResult>;
  /** Stops the timer and waits for a purge in progress. */
  stop(): Promise<void>;
}

/**
 * Purges data older than `retentionDays` at start and every `intervalMs`. `retentionDays` 0 keeps
 * everything (the job does nothing). The timer is unref'd: it never keeps a process alive.
 */
export function startRetention(options: {
  store: EventStore;
  retentionDays: number;
  intervalMs: number;
  logger: Logger;
  now?: () => number;
}): RetentionJob {
  const { store, retentionDays, logger } = options;
  const now = options.now ?? Date.now;
  let running: Promise<PurgeResult> | null = null;
  let stopped = false;

  const runNow = (): Promise<PurgeResult> => {
    if (retentionDays === 0 || stopped) return Promise.resolve({ entries: 0, searches: 0 });
    running ??= (async () => {
      try {
        const cutoff = now() - retentionDays * DAY_MS;
        const result = await purgeBefore(store, cutoff);
        if (result.entries > 0 || result.searches > 0) {
          logger.info('retention purge', { cutoff: new Date(cutoff).toISOString(), ...result });
        }
        return result;
      } catch (error) {
        logger.error('retention purge failed', { error: String((error as Error)?.stack ?? error) });
        return { entries: 0, searches: 0 };
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const timer = retentionDays === 0 ? null : setInterval(() => void runNow(), options.intervalMs);
  timer?.unref();
  void runNow();
  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
