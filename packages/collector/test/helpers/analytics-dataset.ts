import type { EventStore, RecordedRequest, TrackedSearch } from '../../src/store/event-store.js';

/**
 * A small hand-made data set for analytics, with every expected number worked out by hand in
 * test/analytics-api.test.ts. Three UTC days of searches on index `products`:
 *
 * | search | day | query  | nbHits | analyticsTags                        | what is tied to it                  |
 * |--------|-----|--------|--------|--------------------------------------|-------------------------------------|
 * | s1     | D1  | tv     | 10     | platform:desktop, lang:en            | click A@1, click B@3, purchase A(10×2)+B("5.50"×1) USD, purchase A (no price) |
 * | s2     | D1  | tv     | 10     | platform:mobile                      | only a click inside a refused batch (must not count) |
 * | s3     | D1  | phone  | 5      | platform:mobile, lang:fr             | one click on C@2 + D@25, add-to-cart C (price 99, no revenue) |
 * | s4     | D1  | phone  | 0      | —                                    | a filters conversion (no subtype)   |
 * | s5     | D2  | tv     | 8      | platform:desktop                     | click E@12                          |
 * | s6     | D2  | laptop | 3      | platform:mobile, lang:en             | purchase with item queryIDs only: F→s6 100 EUR, G untied 7, H→unknown search 3 |
 * | s7     | D3  | tv     | 10     | platform:desktop, device:mobile phone | click A@1, purchase A 1.25×4 USD (search at exactly 00:00:00.000) |
 *
 * s5 is at 23:59:59.999 of D2 and s7 at 00:00:00.000 of D3 (UTC day boundaries). Noise that must
 * not count: a search and click on index `other`, a click on an unknown queryID, a purchase without
 * any queryID, a view carrying a queryID, and the same queryIDs in another application. s8 (index
 * `other`) is tagged platform:desktop too.
 */
export const D1 = Date.UTC(2026, 2, 1);
export const D2 = Date.UTC(2026, 2, 2);
export const D3 = Date.UTC(2026, 2, 3);
const HOUR = 3_600_000;

/** queryIDs of the data set: s1 … s9 as 32 hex characters. */
export const Q = Object.fromEntries(
  ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 'unknown'].map((name, i) => [
    name,
    (i + 1).toString(16).repeat(32).slice(0, 32),
  ]),
) as Record<'s1' | 's2' | 's3' | 's4' | 's5' | 's6' | 's7' | 's8' | 'unknown', string>;

function search(
  name: keyof typeof Q,
  query: string,
  nbHits: number,
  timestamp: number,
  analyticsTags: string[],
  index = 'products',
): TrackedSearch {
  return {
    queryID: Q[name],
    index,
    query,
    nbHits,
    userToken: `user-${name}`,
    timestamp,
    ...(analyticsTags.length > 0 ? { analyticsTags } : {}),
  };
}

export const SEARCHES: TrackedSearch[] = [
  search('s1', 'tv', 10, D1 + 9 * HOUR, ['platform:desktop', 'lang:en']),
  search('s2', 'tv', 10, D1 + 10 * HOUR, ['platform:mobile']),
  search('s3', 'phone', 5, D1 + 11 * HOUR, ['platform:mobile', 'lang:fr']),
  search('s4', 'phone', 0, D1 + 12 * HOUR, []),
  search('s5', 'tv', 8, D2 + 24 * HOUR - 1, ['platform:desktop']),
  search('s6', 'laptop', 3, D2 + 8 * HOUR, ['platform:mobile', 'lang:en']),
  search('s7', 'tv', 10, D3, ['platform:desktop', 'device:mobile phone']),
  search('s8', 'tv', 1, D1 + 9 * HOUR, ['platform:desktop'], 'other'),
];

function click(name: keyof typeof Q, objectIDs: string[], positions: number[], index = 'products') {
  return {
    eventType: 'click',
    eventName: 'Product Clicked',
    index,
    userToken: `user-${name}`,
    queryID: Q[name],
    objectIDs,
    positions,
  };
}

function conversion(name: keyof typeof Q | null, extra: Record<string, unknown>) {
  return {
    eventType: 'conversion',
    eventName: 'Converted',
    index: 'products',
    userToken: name ? `user-${name}` : 'user-anon',
    ...(name ? { queryID: Q[name] } : {}),
    ...extra,
  };
}

/** Accepted events, in the order they are stored. */
export const EVENTS: unknown[] = [
  click('s1', ['A'], [1]),
  click('s1', ['B'], [3]),
  conversion('s1', {
    eventSubtype: 'purchase',
    objectIDs: ['A', 'B'],
    objectData: [{ price: 10, quantity: 2 }, { price: '5.50' }],
    currency: 'usd',
  }),
  conversion('s1', { eventSubtype: 'purchase', objectIDs: ['A'] }),
  click('s3', ['C', 'D'], [2, 25]),
  conversion('s3', {
    eventSubtype: 'addToCart',
    objectIDs: ['C'],
    objectData: [{ price: 99, quantity: 1 }],
    currency: 'USD',
  }),
  conversion('s4', { filters: ['brand:Acme'] }),
  click('s5', ['E'], [12]),
  conversion(null, {
    userToken: 'user-s6',
    eventSubtype: 'purchase',
    objectIDs: ['F', 'G', 'H'],
    objectData: [
      { queryID: Q.s6, price: 100, quantity: 1 },
      { price: 7, quantity: 1 },
      { queryID: Q.unknown, price: 3 },
    ],
    currency: 'EUR',
  }),
  click('s7', ['A'], [1]),
  conversion('s7', {
    eventSubtype: 'purchase',
    objectIDs: ['A'],
    objectData: [{ price: 1.25, quantity: 4 }],
    currency: 'USD',
  }),
  // Noise: none of these may count for index products.
  click('s8', ['Z'], [1], 'other'),
  click('unknown', ['Y'], [1]),
  conversion(null, {
    eventSubtype: 'purchase',
    objectIDs: ['X'],
    objectData: [{ price: 1000 }],
    currency: 'USD',
  }),
  {
    eventType: 'view',
    eventName: 'Viewed',
    index: 'products',
    userToken: 'user-s2',
    queryID: Q.s2,
    objectIDs: ['V'],
  },
];

function recorded(appId: string, accepted: boolean, events: unknown[], receivedAt: number): RecordedRequest {
  return {
    appId,
    requestId: `seed-${accepted ? 'ok' : 'refused'}-${receivedAt}`,
    receivedAt,
    status: accepted ? 200 : 422,
    accepted,
    headers: { referer: null, userAgent: null, agent: null },
    device: 'unknown',
    entries: events.map((event) => ({ event, errors: [] })),
  };
}

/**
 * Writes the data set into `appId` (events first, then searches: analytics must not depend on the
 * order they arrive in), plus the same queryIDs with other numbers in `otherAppId`.
 */
export async function seedAnalytics(store: EventStore, appId: string, otherAppId: string): Promise<void> {
  await store.appendRequest(recorded(appId, true, EVENTS, D3 + 12 * HOUR));
  await store.appendRequest(recorded(appId, false, [click('s2', ['A'], [1])], D3 + 12 * HOUR));
  await store.appendSearches(appId, SEARCHES);
  await store.appendSearches(otherAppId, SEARCHES);
  await store.appendRequest(recorded(otherAppId, true, [click('s2', ['A'], [1])], D3 + 12 * HOUR));
}
