import { describe, expect, it } from 'vitest';
import { axisTicks, plural, positionLabel } from '../src/analytics/format.js';
import { formatTime } from '../src/format-time.js';

describe('axis ticks', () => {
  it('counts get distinct integer ticks on a 1-2-5 step, reaching the maximum', () => {
    expect(axisTicks(0, { integer: true })).toEqual([0, 1]);
    expect(axisTicks(1, { integer: true })).toEqual([0, 1]);
    expect(axisTicks(2, { integer: true })).toEqual([0, 1, 2]);
    expect(axisTicks(7, { integer: true })).toEqual([0, 2, 4, 6, 8]);
    expect(axisTicks(30, { integer: true })).toEqual([0, 10, 20, 30]);
    expect(axisTicks(121, { integer: true })).toEqual([0, 50, 100, 150]);
    for (const max of [1, 3, 4, 9, 13, 38, 99, 1234]) {
      const ticks = axisTicks(max, { integer: true });
      expect(new Set(ticks).size).toBe(ticks.length);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      const step = ticks[1]! - ticks[0]!;
      expect(step / 10 ** Math.floor(Math.log10(step))).toBeOneOf([1, 2, 5]);
    }
  });

  it('rates run 0 to 100 % in 20 % steps without float noise', () => {
    expect(axisTicks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe('labels', () => {
  it('nouns are singular for exactly one', () => {
    expect(plural(1, 'click')).toBe('1 click');
    expect(plural(0, 'click')).toBe('0 clicks');
    expect(plural(2, 'add-to-cart')).toBe('2 add-to-carts');
    expect(plural(1, 'purchase')).toBe('1 purchase');
  });

  it('position buckets read 1…10, 11–20 and 21+', () => {
    expect(positionLabel([3, 3])).toBe('3');
    expect(positionLabel([11, 20])).toBe('11–20');
    expect(positionLabel([21, -1])).toBe('21+');
  });

  it('times are 24-hour HH:MM:SS, with the date when not today', () => {
    const now = new Date(2026, 11, 3, 18, 0, 0);
    expect(formatTime(new Date(2026, 11, 3, 17, 58, 3), now)).toBe('17:58:03');
    expect(formatTime(new Date(2026, 11, 3, 5, 7, 9), now)).toBe('05:07:09');
    expect(formatTime(new Date(2026, 10, 30, 23, 0, 0), now)).toBe('2026-11-30 23:00:00');
  });
});
