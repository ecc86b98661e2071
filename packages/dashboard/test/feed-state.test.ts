import { describe, expect, it } from 'vitest';
import type { DebuggerEntry } from '../src/api/types.js';
import {
  appendOlder,
  type FeedState,
  MAX_ENTRIES,
  newestId,
  prependNewer,
} from '../src/debugger/feed-state.js';

const entry = (id: number) => ({ id }) as DebuggerEntry;
const ids = (state: FeedState) => state.entries.map((e) => e.id);

describe('feed state', () => {
  it('puts newer entries on top, newest first, without doubles', () => {
    let state: FeedState = { entries: [], nextBefore: null };
    expect(newestId(state)).toBeUndefined();
    state = prependNewer(state, [entry(3), entry(2)]);
    state = prependNewer(state, [entry(4), entry(5), entry(3)]);
    expect(ids(state)).toEqual([5, 4, 3, 2]);
    expect(newestId(state)).toBe(5);
  });

  it('keeps the same state object when nothing is new', () => {
    const state = { entries: [entry(2)], nextBefore: 1 };
    expect(prependNewer(state, [entry(2)])).toBe(state);
  });

  it('drops the oldest beyond the cap and resumes paging below the oldest kept', () => {
    const full = {
      entries: Array.from({ length: MAX_ENTRIES }, (_, i) => entry(MAX_ENTRIES - i)),
      nextBefore: null,
    };
    const state = prependNewer(full, [entry(MAX_ENTRIES + 1)]);
    expect(state.entries).toHaveLength(MAX_ENTRIES);
    expect(state.entries[0]!.id).toBe(MAX_ENTRIES + 1);
    expect(state.nextBefore).toBe(2);
  });

  it('appends older pages at the bottom', () => {
    const state = appendOlder(
      { entries: [entry(9), entry(8)], nextBefore: 8 },
      [entry(8), entry(7), entry(6)],
      6,
    );
    expect(ids(state)).toEqual([9, 8, 7, 6]);
    expect(state.nextBefore).toBe(6);
  });
});
