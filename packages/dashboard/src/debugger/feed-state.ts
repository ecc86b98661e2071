import type { DebuggerEntry } from '../api/types.js';

/** The entries on screen, newest first, and where paging back continues. */
export interface FeedState {
  entries: DebuggerEntry[];
  /** Id to pass as `before` for older entries; null when the oldest is shown. */
  nextBefore: number | null;
}

/** Most entries kept on screen; older ones are dropped (Algolia's debugger keeps 3,000). */
export const MAX_ENTRIES = 3000;

/** Newest id on screen, the `after` of the next poll. */
export function newestId(state: FeedState): number | undefined {
  return state.entries[0]?.id;
}

/**
 * Adds newer entries on top. Entries already shown are skipped (a poll racing a reload must not
 * double a row); when the cap drops old rows, paging back resumes below the oldest kept one.
 */
export function prependNewer(state: FeedState, newer: readonly DebuggerEntry[]): FeedState {
  const known = new Set(state.entries.map((e) => e.id));
  const fresh = newer.filter((e) => !known.has(e.id)).sort((a, b) => b.id - a.id);
  if (fresh.length === 0) return state;
  const entries = [...fresh, ...state.entries];
  if (entries.length <= MAX_ENTRIES) return { entries, nextBefore: state.nextBefore };
  const kept = entries.slice(0, MAX_ENTRIES);
  return { entries: kept, nextBefore: kept[kept.length - 1]!.id };
}

/** Adds a page of older entries at the bottom. */
export function appendOlder(
  state: FeedState,
  older: readonly DebuggerEntry[],
  nextBefore: number | null,
): FeedState {
  const known = new Set(state.entries.map((e) => e.id));
  return { entries: [...state.entries, ...older.filter((e) => !known.has(e.id))], nextBefore };
}
