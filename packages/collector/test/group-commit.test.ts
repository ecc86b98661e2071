import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../src/store/sqlite/group-commit.js';

describe('group commit (SQLite store)', () => {
  it('writes the items added in one turn of the event loop in one call, in order', async () => {
    const writes: number[][] = [];
    const commits = createGroupCommit<number>((items) => writes.push([...items]));
    await Promise.all([commits.add(1), commits.add(2), commits.add(3)]);
    await commits.add(4);
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it('settles nothing before the write ran', async () => {
    let written = false;
    const commits = createGroupCommit<number>(() => {
      written = true;
    });
    await commits.add(1);
    expect(written).toBe(true);
  });

  it('a failing item fails alone: the batch is retried one item at a time', async () => {
    const writes: number[][] = [];
    const commits = createGroupCommit<number>((items) => {
      writes.push([...items]);
      if (items.includes(2)) throw new Error('item 2 is bad');
    });
    const results = await Promise.allSettled([commits.add(1), commits.add(2), commits.add(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('item 2 is bad'));
    expect(writes).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('caps a batch at maxItems; the rest follow in later turns', async () => {
    const writes: number[][] = [];
    const commits = createGroupCommit<number>((items) => writes.push([...items]), 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => commits.add(n)));
    expect(writes).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('drain() writes what is queued at once (before the database closes)', async () => {
    const writes: number[][] = [];
    const commits = createGroupCommit<number>((items) => writes.push([...items]), 2);
    const pending = Promise.all([commits.add(1), commits.add(2), commits.add(3)]);
    commits.drain();
    expect(writes).toEqual([[1, 2], [3]]);
    await pending;
  });
});
