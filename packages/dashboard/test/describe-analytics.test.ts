import { describe, expect, it } from 'vitest';
import { decimal, defaultRange, money, niceMax, percent } from '../src/analytics/format.js';
import type { DebuggerEntry, TrackedSearch } from '../src/api/types.js';
import { analyticsUses, queryIdsOf } from '../src/debugger/describe-analytics.js';

const Q1 = '1'.repeat(32);
const Q2 = '2'.repeat(32);
const SEARCH: TrackedSearch = {
  queryID: Q1,
  index: 'p',
  query: 'tv',
  nbHits: 3,
  userToken: 'u',
  timestamp: 0,
};

function entry(event: Record<string, unknown>, accepted = true): DebuggerEntry {
  return {
    id: 1,
    requestId: 'r',
    receivedAt: '2026-01-02T03:04:05.000Z',
    status: accepted ? 200 : 422,
    accepted,
    event: { eventName: 'E', index: 'p', userToken: 'u', ...event },
    errors: [],
    headers: { referer: null, userAgent: null, agent: null },
    device: 'desktop',
  };
}

const usable = (e: DebuggerEntry, searches: [string, TrackedSearch | null][]) =>
  analyticsUses(e, new Map(searches)).map((u) => [u.feature, u.usable]);

describe('which analytics an event feeds', () => {
  it('a click with queryID and positions on a tracked search feeds click analytics only', () => {
    const click = entry({ eventType: 'click', queryID: Q1, objectIDs: ['a'], positions: [2] });
    expect(usable(click, [[Q1, SEARCH]])).toEqual([
      ['Click analytics', true],
      ['Conversion analytics', false],
      ['Revenue', false],
    ]);
    expect(analyticsUses(click, new Map([[Q1, SEARCH]]))[0]!.reason).toContain('(2) of the search "tv"');
  });

  it('a click whose queryID matches no search, or without positions or queryID, feeds nothing', () => {
    const unknown = analyticsUses(
      entry({ eventType: 'click', queryID: Q2, positions: [1] }),
      new Map([[Q2, null]]),
    );
    expect(unknown[0]).toMatchObject({ usable: false, reason: expect.stringContaining('POST /1/searches') });
    expect(
      analyticsUses(entry({ eventType: 'click', queryID: Q1 }), new Map([[Q1, SEARCH]]))[0]!.usable,
    ).toBe(false);
    expect(analyticsUses(entry({ eventType: 'click' }), new Map())[0]!.reason).toMatch(/no queryID/);
  });

  it('a purchase tied through an item queryID feeds conversions and revenue of the tied items only', () => {
    const purchase = entry({
      eventType: 'conversion',
      eventSubtype: 'purchase',
      currency: 'usd',
      objectIDs: ['a', 'b'],
      objectData: [
        { queryID: Q1, price: '10.50', quantity: 2 },
        { queryID: Q2, price: 5 },
      ],
    });
    expect(queryIdsOf(purchase)).toEqual([Q1, Q2]);
    const uses = analyticsUses(
      purchase,
      new Map<string, TrackedSearch | null>([
        [Q1, SEARCH],
        [Q2, null],
      ]),
    );
    expect(uses.map((u) => u.usable)).toEqual([false, true, true]);
    expect(uses[2]!.reason).toBe('1 of 2 priced items count: 21.00 USD.');
  });

  it('a purchase without currency or price, and any refused event, bring no revenue', () => {
    const noPrice = entry({
      eventType: 'conversion',
      eventSubtype: 'purchase',
      queryID: Q1,
      objectIDs: ['a'],
    });
    expect(analyticsUses(noPrice, new Map([[Q1, SEARCH]]))[2]).toMatchObject({ usable: false });
    const refused = entry({ eventType: 'click', queryID: Q1, positions: [1] }, false);
    expect(usable(refused, [[Q1, SEARCH]]).every(([, ok]) => ok === false)).toBe(true);
  });
});

describe('analytics formatting', () => {
  it('null is "no data" (—), 0 is a value', () => {
    expect(percent(null)).toBe('—');
    expect(percent(0)).toBe('0.0 %');
    expect(percent(4 / 7)).toBe('57.1 %');
    expect(decimal(null)).toBe('—');
    expect(decimal(44 / 6)).toBe('7.33');
    expect(money({})).toBe('—');
    expect(money({ USD: { currency: 'USD', revenue: 1234.5 } })).toBe('1,234.50 USD');
  });

  it('the default range is the last 8 UTC days including today; axes end on 1, 2 or 5 × 10^n', () => {
    expect(defaultRange(Date.UTC(2026, 2, 10, 23, 59))).toEqual({
      startDate: '2026-03-03',
      endDate: '2026-03-10',
    });
    expect([0, 0.4, 7, 12, 180, 1000].map(niceMax)).toEqual([1, 0.5, 10, 20, 200, 1000]);
  });
});
