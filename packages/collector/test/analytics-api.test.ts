import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Q, seedAnalytics } from './helpers/analytics-dataset.js';
import { startTestCollector, type TestCollector } from './helpers/test-collector.js';

const PG_URL = process.env.SIGHTLINE_TEST_DATABASE_URL;
const PG_SCHEMA = `sl_analytics_${process.pid}_${Date.now().toString(36)}`;

const BACKENDS = [
  { name: 'sqlite', skip: false as const, options: {} },
  {
    name: 'postgres',
    skip: PG_URL
      ? (false as const)
      : 'SIGHTLINE_TEST_DATABASE_URL is not set (the test script sets it after starting PostgreSQL)',
    options: { dataFile: undefined, databaseUrl: PG_URL, pgSchema: PG_SCHEMA },
  },
];

/** The three days of the data set, and a fourth without searches. */
const RANGE = 'index=products&startDate=2026-03-01&endDate=2026-03-03';
const RANGE4 = 'index=products&startDate=2026-03-01&endDate=2026-03-04';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== false)(
    `Analytics API v2 on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`,
    () => {
      let t: TestCollector;
      beforeAll(async () => {
        t = await startTestCollector(backend.options);
        await t.collector.store.createApp({ appId: 'OTHERAPP', name: 'other' });
        await seedAnalytics(t.collector.store, t.appId, 'OTHERAPP');
      });
      afterAll(async () => {
        await t?.close();
        if (backend.name === 'postgres' && PG_URL) {
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE`);
          await client.end();
        }
      });
      const get = <T = Record<string, unknown>>(path: string) => t.getJson<T>(path);

      it('click-through rate: several clicks on one search count once; period rate from totals', async () => {
        const body = await get(`/2/clicks/clickThroughRate?${RANGE4}`);
        // Clicked searches: s1, s3 (D1), s5 (D2), s7 (D3) = 4 of 7 tracked. The refused click on s2,
        // the click on index "other" and the one on an unknown queryID do not count.
        expect(body).toEqual({
          rate: 4 / 7,
          clickCount: 5,
          trackedSearchCount: 7,
          dates: [
            { rate: 0.5, clickCount: 3, trackedSearchCount: 4, date: '2026-03-01' },
            { rate: 0.5, clickCount: 1, trackedSearchCount: 2, date: '2026-03-02' },
            { rate: 1, clickCount: 1, trackedSearchCount: 1, date: '2026-03-03' },
            { rate: null, clickCount: 0, trackedSearchCount: 0, date: '2026-03-04' },
          ],
        });
        // The mean of the daily rates would be 2/3: the period rate is not that.
        expect(body.rate).not.toBeCloseTo((0.5 + 0.5 + 1) / 3, 5);
      });

      it('average click position and the 12 position buckets (positions beyond 20 included)', async () => {
        // Positions: D1 1, 3, 2, 25; D2 12; D3 1 → (1+3+2+25+12+1) / 6.
        expect(await get(`/2/clicks/averageClickPosition?${RANGE}`)).toEqual({
          average: 44 / 6,
          clickCount: 6,
          dates: [
            { average: 31 / 4, clickCount: 4, date: '2026-03-01' },
            { average: 12, clickCount: 1, date: '2026-03-02' },
            { average: 1, clickCount: 1, date: '2026-03-03' },
          ],
        });
        const { positions } = await get<{ positions: { position: number[]; clickCount: number }[] }>(
          `/2/clicks/positions?${RANGE}`,
        );
        expect(positions).toHaveLength(12);
        expect(positions.map((p) => p.position)).toEqual([
          [1, 1],
          [2, 2],
          [3, 3],
          [4, 4],
          [5, 5],
          [6, 6],
          [7, 7],
          [8, 8],
          [9, 9],
          [10, 10],
          [11, 20],
          [21, -1],
        ]);
        expect(positions.map((p) => p.clickCount)).toEqual([2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
      });

      it('conversion, add-to-cart and purchase rates count searches with ≥ 1 event; counts are events', async () => {
        expect(await get(`/2/conversions/conversionRate?${RANGE}`)).toEqual({
          rate: 5 / 7,
          trackedSearchCount: 7,
          conversionCount: 6,
          dates: [
            { rate: 0.75, trackedSearchCount: 4, conversionCount: 4, date: '2026-03-01' },
            { rate: 0.5, trackedSearchCount: 2, conversionCount: 1, date: '2026-03-02' },
            { rate: 1, trackedSearchCount: 1, conversionCount: 1, date: '2026-03-03' },
          ],
        });
        expect(await get(`/2/conversions/addToCartRate?${RANGE4}`)).toEqual({
          rate: 1 / 7,
          trackedSearchCount: 7,
          addToCartCount: 1,
          dates: [
            { rate: 0.25, trackedSearchCount: 4, addToCartCount: 1, date: '2026-03-01' },
            // Searches but no add-to-cart: 0. No searches at all: null.
            { rate: 0, trackedSearchCount: 2, addToCartCount: 0, date: '2026-03-02' },
            { rate: 0, trackedSearchCount: 1, addToCartCount: 0, date: '2026-03-03' },
            { rate: null, trackedSearchCount: 0, addToCartCount: 0, date: '2026-03-04' },
          ],
        });
        // s1 has two purchase events but counts once in the rate.
        expect(await get(`/2/conversions/purchaseRate?${RANGE}`)).toEqual({
          rate: 3 / 7,
          trackedSearchCount: 7,
          purchaseCount: 4,
          dates: [
            { rate: 0.25, trackedSearchCount: 4, purchaseCount: 2, date: '2026-03-01' },
            { rate: 0.5, trackedSearchCount: 2, purchaseCount: 1, date: '2026-03-02' },
            { rate: 1, trackedSearchCount: 1, purchaseCount: 1, date: '2026-03-03' },
          ],
        });
      });

      it('revenue: only purchase items tied to a tracked search (item queryID, else event queryID)', async () => {
        // D1: s1 10×2 + "5.50"×1 (currency "usd" → USD); add-to-cart prices never count.
        // D2: only F (item queryID s6) — G has no queryID, H names no tracked search.
        // D3: s7 1.25×4. The purchase without any queryID (1000 USD) is not search revenue.
        expect(await get(`/2/conversions/revenue?${RANGE4}`)).toEqual({
          currencies: { USD: { currency: 'USD', revenue: 30.5 }, EUR: { currency: 'EUR', revenue: 100 } },
          dates: [
            { currencies: { USD: { currency: 'USD', revenue: 25.5 } }, date: '2026-03-01' },
            { currencies: { EUR: { currency: 'EUR', revenue: 100 } }, date: '2026-03-02' },
            { currencies: { USD: { currency: 'USD', revenue: 5 } }, date: '2026-03-03' },
            { currencies: {}, date: '2026-03-04' },
          ],
        });
      });

      it('no-click rate over tracked searches with results; searches count', async () => {
        // With results: D1 s1, s2, s3 (s4 has 0 hits), unclicked: s2. D2: s5, s6, unclicked: s6. D3: s7.
        expect(await get(`/2/searches/noClickRate?${RANGE}`)).toEqual({
          rate: 2 / 6,
          count: 6,
          noClickCount: 2,
          dates: [
            { rate: 1 / 3, count: 3, noClickCount: 1, date: '2026-03-01' },
            { rate: 0.5, count: 2, noClickCount: 1, date: '2026-03-02' },
            { rate: 0, count: 1, noClickCount: 0, date: '2026-03-03' },
          ],
        });
        expect(await get(`/2/searches/count?${RANGE}`)).toEqual({
          count: 7,
          dates: [
            { date: '2026-03-01', count: 4 },
            { date: '2026-03-02', count: 2 },
            { date: '2026-03-03', count: 1 },
          ],
        });
      });

      it('UTC day boundaries: 23:59:59.999 is the day before, 00:00:00.000 the day after', async () => {
        const d2 = await get<{ trackedSearchCount: number; dates: unknown[] }>(
          '/2/clicks/clickThroughRate?index=products&startDate=2026-03-02&endDate=2026-03-02',
        );
        expect(d2).toMatchObject({ trackedSearchCount: 2, rate: 0.5 });
        expect(d2.dates).toHaveLength(1);
        const d3 = await get(
          '/2/clicks/clickThroughRate?index=products&startDate=2026-03-03&endDate=2026-03-03',
        );
        expect(d3).toMatchObject({ trackedSearchCount: 1, rate: 1 });
        const before = await get(
          '/2/clicks/clickThroughRate?index=products&startDate=2026-02-27&endDate=2026-02-28',
        );
        expect(before).toMatchObject({ rate: null, clickCount: 0, trackedSearchCount: 0 });
      });

      it('top searches with click and revenue analytics, ordered and paged', async () => {
        const { searches } = await get<{ searches: Record<string, unknown>[] }>(
          `/2/searches?${RANGE}&clickAnalytics=true&revenueAnalytics=true`,
        );
        expect(searches.map((s) => s.search)).toEqual(['tv', 'phone', 'laptop']);
        const positions = (counts: Record<number, number>) =>
          Array.from({ length: 12 }, (_, i) => ({
            position: i < 10 ? [i + 1, i + 1] : i === 10 ? [11, 20] : [21, -1],
            clickCount: counts[i + 1] ?? 0,
          }));
        expect(searches[0]).toEqual({
          search: 'tv',
          count: 4,
          nbHits: 10, // mean of 10, 10, 8, 10 = 9.5, rounded
          clickThroughRate: 0.75,
          averageClickPosition: (1 + 3 + 12 + 1) / 4,
          clickPositions: positions({ 1: 2, 3: 1, 11: 1 }),
          conversionRate: 0.5,
          trackedSearchCount: 4,
          clickCount: 4,
          conversionCount: 3,
          currencies: { USD: { currency: 'USD', revenue: 30.5 } },
          addToCartRate: 0,
          addToCartCount: 0,
          purchaseRate: 0.5,
          purchaseCount: 3,
        });
        expect(searches[1]).toMatchObject({
          search: 'phone',
          count: 2,
          clickThroughRate: 0.5,
          averageClickPosition: 13.5,
          clickPositions: positions({ 2: 1, 12: 1 }),
          conversionRate: 1,
          addToCartRate: 0.5,
          currencies: {},
        });
        expect(searches[2]).toMatchObject({
          search: 'laptop',
          count: 1,
          nbHits: 3,
          clickThroughRate: 0,
          averageClickPosition: null,
          currencies: { EUR: { currency: 'EUR', revenue: 100 } },
        });

        const plain = await get<{ searches: unknown[] }>(`/2/searches?${RANGE}`);
        expect(plain.searches).toEqual([
          { search: 'tv', count: 4, nbHits: 10 },
          { search: 'phone', count: 2, nbHits: 3 },
          { search: 'laptop', count: 1, nbHits: 3 },
        ]);
        const order = async (params: string) =>
          (
            await get<{ searches: { search: string }[] }>(
              `/2/searches?${RANGE}&clickAnalytics=true&${params}`,
            )
          ).searches.map((s) => s.search);
        expect(await order('orderBy=averageClickPosition&direction=asc')).toEqual(['tv', 'phone', 'laptop']);
        expect(await order('orderBy=averageClickPosition&direction=desc')).toEqual(['phone', 'tv', 'laptop']);
        expect(await order('orderBy=clickThroughRate&direction=asc')).toEqual(['laptop', 'phone', 'tv']);
        expect(await order('orderBy=conversionRate')).toEqual(['phone', 'laptop', 'tv']);
        expect(await order('orderBy=searchCount&direction=asc')).toEqual(['laptop', 'phone', 'tv']);
        expect(await order('limit=1&offset=1')).toEqual(['phone']);
      });

      it('top hits: objects clicked or converted from tracked searches', async () => {
        const { hits } = await get<{ hits: Record<string, unknown>[] }>(
          `/2/hits?${RANGE}&clickAnalytics=true&revenueAnalytics=true`,
        );
        expect(hits.map((h) => h.hit)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
        expect(hits[0]).toEqual({
          hit: 'A',
          count: 2,
          clickThroughRate: 1,
          conversionRate: 1,
          trackedHitCount: 2,
          clickCount: 2,
          conversionCount: 3,
          addToCartRate: 0,
          addToCartCount: 0,
          purchaseRate: 1,
          purchaseCount: 3,
          currencies: { USD: { currency: 'USD', revenue: 25 } },
        });
        expect(hits[5]).toMatchObject({
          hit: 'F',
          count: 1,
          clickThroughRate: 0,
          conversionRate: 1,
          currencies: { EUR: { currency: 'EUR', revenue: 100 } },
        });
        expect((await get<{ hits: unknown[] }>(`/2/hits?${RANGE}&limit=2`)).hits).toEqual([
          { hit: 'A', count: 2 },
          { hit: 'B', count: 1 },
        ]);
      });

      it('another index and another application see only their own data', async () => {
        expect(
          await get('/2/clicks/clickThroughRate?index=other&startDate=2026-03-01&endDate=2026-03-01'),
        ).toMatchObject({ rate: 1, trackedSearchCount: 1, clickCount: 1 });
        expect(
          await get('/2/clicks/clickThroughRate?index=nothing-here&startDate=2026-03-01&endDate=2026-03-01'),
        ).toMatchObject({ rate: null, trackedSearchCount: 0 });
      });

      it('default window: the last 8 days including today (UTC)', async () => {
        const { dates } = await get<{ dates: { date: string }[] }>(
          '/2/clicks/clickThroughRate?index=products',
        );
        const today = new Date().toISOString().slice(0, 10);
        expect(dates).toHaveLength(8);
        expect(dates[7]!.date).toBe(today);
        expect(dates[0]!.date).toBe(new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10));
      });

      it('the debugger can look a queryID up', async () => {
        expect(await get(`/api/searches/${Q.s1}`)).toMatchObject({
          queryID: Q.s1,
          query: 'tv',
          index: 'products',
        });
        const missing = await t.request('GET', `/api/searches/${Q.unknown}`);
        expect(missing.status).toBe(404);
        expect(missing.headers.get('x-sightline-error')).toBe('SEARCH_NOT_FOUND');
      });
    },
  );
}

describe('Analytics API errors and access', () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['/2/clicks/clickThroughRate', /index is required/],
    ['/2/clicks/clickThroughRate?index=p&startDate=2026-13-01', /startDate must be a date YYYY-MM-DD/],
    ['/2/clicks/clickThroughRate?index=p&endDate=2026-02-30', /endDate must be a date/],
    ['/2/clicks/clickThroughRate?index=p&startDate=2026-03-05&endDate=2026-03-01', /after endDate/],
    ['/2/clicks/clickThroughRate?index=p&startDate=2020-01-01&endDate=2026-01-01', /at most 366/],
    ['/2/clicks/clickThroughRate?index=p&tags=mobile', /tags are not supported/],
    ['/2/searches?index=p&limit=0', /limit must be an integer from 1 to 1000/],
    ['/2/searches?index=p&limit=1001', /limit must be/],
    ['/2/searches?index=p&offset=-1', /offset must be/],
    ['/2/searches?index=p&orderBy=clickThroughRate', /needs clickAnalytics=true/],
    ['/2/searches?index=p&clickAnalytics=true&orderBy=bogus', /orderBy must be one of/],
    ['/2/searches?index=p&direction=up', /direction must be asc or desc/],
    ['/2/searches?index=p&clickAnalytics=yes', /clickAnalytics must be true or false/],
  ])('GET %s → 400 {"message"}', async (path, message) => {
    const res = await t.request('GET', path);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['message']);
    expect(body.message).toMatch(message);
  });

  it('needs the analytics ACL: the search key gets 403 {"message"}, no key 401', async () => {
    const forbidden = await t.request('GET', '/2/clicks/clickThroughRate?index=p', {
      auth: { appId: t.appId, apiKey: t.searchKey },
    });
    expect(forbidden.status).toBe(403);
    expect(Object.keys((await forbidden.json()) as object)).toEqual(['message']);
    expect((await t.request('GET', '/2/searches?index=p', { auth: 'none' })).status).toBe(401);
  });
});
