import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DebuggerEntry,
  type RunningCollector,
  startCollector,
} from '../../../packages/collector/src/index.js';

/** A collector on a fresh SQLite file in a temp dir, with the bootstrap credentials. */
export interface TestCollector {
  url: string;
  appId: string;
  searchKey: string;
  adminKey: string;
  /** Every entry the collector recorded (accepted or refused), oldest first. */
  entries(): Promise<DebuggerEntry[]>;
  /**
   * Polls until `done(entries)` holds and returns the entries. The deadline only turns "never
   * arrived" into a failure with the entries seen; it asserts nothing about speed.
   */
  waitFor(done: (entries: DebuggerEntry[]) => boolean, deadlineMs?: number): Promise<DebuggerEntry[]>;
  close(): Promise<void>;
}

export async function startTestCollector(): Promise<TestCollector> {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-integrations-'));
  const collector: RunningCollector = await startCollector({
    port: 0,
    host: '127.0.0.1',
    dataFile: join(dir, 'events.db'),
    logLevel: 'silent',
    env: {},
  });
  const credentials = collector.bootstrap;
  if (!credentials) throw new Error('a fresh store must bootstrap an application');

  async function entries(): Promise<DebuggerEntry[]> {
    const all: DebuggerEntry[] = [];
    let before: number | null = null;
    do {
      const query = new URLSearchParams({
        limit: '100',
        ...(before === null ? {} : { before: String(before) }),
      });
      const response = await fetch(`${collector.url}/api/events?${query}`, {
        headers: {
          'x-algolia-application-id': credentials!.appId,
          'x-algolia-api-key': credentials!.adminKey,
        },
      });
      if (!response.ok) throw new Error(`GET /api/events: HTTP ${response.status} ${await response.text()}`);
      const page = (await response.json()) as { entries: DebuggerEntry[]; nextBefore: number | null };
      all.push(...page.entries);
      before = page.nextBefore;
    } while (before !== null);
    return all.reverse();
  }

  return {
    url: collector.url,
    ...credentials,
    entries,
    async waitFor(done, deadlineMs = 15_000) {
      const until = Date.now() + deadlineMs;
      for (;;) {
        const seen = await entries();
        if (done(seen)) return seen;
        if (Date.now() > until) {
          throw new Error(
            `the collector never got the expected events; it has: ${JSON.stringify(seen.map((e) => e.event))}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async close() {
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An entry's payload as a plain object (the feed types it `unknown`). */
export function payloadOf(entry: DebuggerEntry): Record<string, unknown> {
  return (entry.event ?? {}) as Record<string, unknown>;
}

/**
 * A payload without the stamps Sightline's reliable delivery (the default of its `<script>`
 * builds) adds to each event: a random `eventID` (UUID) and the call's `timestamp`.
 * search-insights sends neither; an event without them is returned as is.
 */
export function withoutDeliveryStamps(entry: DebuggerEntry): Record<string, unknown> {
  const { eventID, timestamp, ...rest } = payloadOf(entry);
  if (eventID === undefined) return timestamp === undefined ? rest : { ...rest, timestamp };
  if (
    typeof eventID !== 'string' ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(eventID)
  ) {
    throw new Error(`eventID must be a v4 UUID, got ${JSON.stringify(eventID)}`);
  }
  if (typeof timestamp !== 'number')
    throw new Error(`a stamped event must have a numeric timestamp, got ${timestamp}`);
  return rest;
}
