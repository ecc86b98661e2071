import type { DebuggerEntry } from '../../../packages/collector/src/index.js';
import type { Stack } from './stack.js';

/**
 * Polls the collector's debugger feed until an entry matches, and returns it. The bound is a
 * deadline for a missing event, not a speed assertion: it only fails when nothing ever arrives.
 */
export async function waitForEntry(
  stack: Stack,
  filters: Record<string, string>,
  matches: (entry: DebuggerEntry) => boolean = () => true,
  deadlineMs = 10_000,
): Promise<DebuggerEntry> {
  const until = Date.now() + deadlineMs;
  const url = `${stack.collector.url}/api/events?${new URLSearchParams({ ...filters, limit: '100' })}`;
  for (;;) {
    const response = await fetch(url, {
      headers: { 'x-algolia-application-id': stack.appId, 'x-algolia-api-key': stack.adminKey },
    });
    if (!response.ok) throw new Error(`GET /api/events: HTTP ${response.status} ${await response.text()}`);
    const { entries } = (await response.json()) as { entries: DebuggerEntry[] };
    const found = entries.find(matches);
    if (found) return found;
    if (Date.now() > until) {
      throw new Error(
        `no matching entry for ${JSON.stringify(filters)}; seen: ${JSON.stringify(entries.map((e) => e.event))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The payload of an entry as an object (the feed types it `unknown`). */
export function payload(entry: DebuggerEntry): Record<string, unknown> {
  return entry.event as Record<string, unknown>;
}
