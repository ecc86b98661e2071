import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTagExpression } from '../src/analytics/tag-expression.js';
import type { AnalyticsWindow, DailySearchStats, HitStats } from '../src/store/analytics-queries.js';
import { D1, D3, Q, seedAnalytics } from './helpers/analytics-dataset.js';
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
const DAY_MS = 86_400_000;

/** `&tags=…` with the expression URL-encoded once, as a query string carries it. */
const tags = (expression: string) => `&${new URLSearchParams({ tags: expression })}`;

/** Adds up the numeric fields of rows that share the values of `keys` (a segment summed over queries). */
function sumBy<T extends object>(rows: T[], keys: (keyof T)[]): Map<string, T> {
  const sums = new Map<string, T>();
  for (const row of rows) {
    const k = keys.map((key) => String(row[key])).join('/');
    const sum = sums.get(k) as Record<string, unknown> | undefined;
    if (!sum) {
      sums.set(k, { ...row });
      continue;
    }
    for (const [field, value] of Object.entries(row)) {
      if (typeof value === 'number' && !keys.includes(field as keyof T))
        sum[field] = (sum[field] as number) + value;
    }
  }
  return sums;
}

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

      it('tags: one tag, OR, AND (binding first), parentheses, an encoded tag; untagged searches never match', async () => {
        const ctr = (expression: string, range = RANGE) =>
          get(`/2/clicks/clickThroughRate?${range}${tags(expression)}`);
        // platform:desktop = s1 (D1, 2 clicks), s5 (D2, 1 click), s7 (D3, 1 click); s8 is on index "other".
        expect(await ctr('platform:desktop')).toEqual({
          rate: 1,
          clickCount: 4,
          trackedSearchCount: 3,
          dates: [
            { rate: 1, clickCount: 2, trackedSearchCount: 1, date: '2026-03-01' },
            { rate: 1, clickCount: 1, trackedSearchCount: 1, date: '2026-03-02' },
            { rate: 1, clickCount: 1, trackedSearchCount: 1, date: '2026-03-03' },
          ],
        });
        // platform:mobile = s2 (D1, only a refused click), s3 (D1, clicked once), s6 (D2, no click).
        expect(await ctr('platform:mobile')).toEqual({
          rate: 1 / 3,
          clickCount: 1,
          trackedSearchCount: 3,
          dates: [
            { rate: 0.5, clickCount: 1, trackedSearchCount: 2, date: '2026-03-01' },
            { rate: 0, clickCount: 0, trackedSearchCount: 1, date: '2026-03-02' },
            { rate: null, clickCount: 0, trackedSearchCount: 0, date: '2026-03-03' },
          ],
        });
        // Every tagged search of the index: all but s4 (7 tracked without tags).
        expect(await ctr('platform:mobile OR platform:desktop')).toMatchObject({
          rate: 4 / 6,
          trackedSearchCount: 6,
        });
        // (mobile ∪ desktop) ∩ lang:en = s1, s6.
        expect(await ctr('(platform:mobile OR platform:desktop) AND lang:en')).toEqual({
          rate: 0.5,
          clickCount: 2,
          trackedSearchCount: 2,
          dates: [
            { rate: 1, clickCount: 2, trackedSearchCount: 1, date: '2026-03-01' },
            { rate: 0, clickCount: 0, trackedSearchCount: 1, date: '2026-03-02' },
            { rate: null, clickCount: 0, trackedSearchCount: 0, date: '2026-03-03' },
          ],
        });
        // AND binds first: mobile ∪ (desktop ∩ lang:en) = s2, s3, s6, s1.
        expect(await ctr('platform:mobile OR platform:desktop AND lang:en')).toMatchObject({
          rate: 0.5,
          clickCount: 3,
          trackedSearchCount: 4,
        });
        expect(await ctr('lang:en AND lang:fr')).toMatchObject({ rate: null, trackedSearchCount: 0 });
        expect(await ctr('platform:tv')).toMatchObject({ rate: null, clickCount: 0, trackedSearchCount: 0 });
        // A tag with a space travels URL-encoded inside the expression (Algolia's
        // tags=device%3Amobile%2520phone); extra spaces and parentheses around it are fine.
        expect(await ctr('device:mobile%20phone')).toMatchObject({ rate: 1, trackedSearchCount: 1 });
        expect(await ctr(' ( ( device:mobile%20phone ) ) ')).toMatchObject({ trackedSearchCount: 1 });
        const raw = await get<{ trackedSearchCount: number }>(
          `/2/clicks/clickThroughRate?${RANGE}&tags=device%3Amobile%2520phone`,
        );
        expect(raw.trackedSearchCount).toBe(1);
        // Algolia-style `+` for spaces in the query string.
        expect(
          await get(`/2/clicks/clickThroughRate?${RANGE}&tags=lang:en+AND+platform:mobile`),
        ).toMatchObject({ trackedSearchCount: 1, rate: 0 });
      });

      it('tags segment every metric: positions, conversions, revenue, no-click rate, counts', async () => {
        const desktop = tags('platform:desktop');
        const mobile = tags('platform:mobile');
        expect(await get(`/2/clicks/averageClickPosition?${RANGE}${desktop}`)).toMatchObject({
          average: (1 + 3 + 12 + 1) / 4,
          clickCount: 4,
        });
        const { positions } = await get<{ positions: { clickCount: number }[] }>(
          `/2/clicks/positions?${RANGE}${mobile}`,
        );
        expect(positions.map((p) => p.clickCount)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        expect(await get(`/2/conversions/conversionRate?${RANGE}${desktop}`)).toEqual({
          rate: 2 / 3,
          trackedSearchCount: 3,
          conversionCount: 3,
          dates: [
            { rate: 1, trackedSearchCount: 1, conversionCount: 2, date: '2026-03-01' },
            { rate: 0, trackedSearchCount: 1, conversionCount: 0, date: '2026-03-02' },
            { rate: 1, trackedSearchCount: 1, conversionCount: 1, date: '2026-03-03' },
          ],
        });
        expect(await get(`/2/conversions/addToCartRate?${RANGE}${mobile}`)).toMatchObject({
          rate: 1 / 3,
          addToCartCount: 1,
        });
        expect(await get(`/2/conversions/purchaseRate?${RANGE}${mobile}`)).toMatchObject({
          rate: 1 / 3,
          purchaseCount: 1,
        });
        expect(await get(`/2/conversions/revenue?${RANGE4}${desktop}`)).toEqual({
          currencies: { USD: { currency: 'USD', revenue: 30.5 } },
          dates: [
            { currencies: { USD: { currency: 'USD', revenue: 25.5 } }, date: '2026-03-01' },
            { currencies: {}, date: '2026-03-02' },
            { currencies: { USD: { currency: 'USD', revenue: 5 } }, date: '2026-03-03' },
            { currencies: {}, date: '2026-03-04' },
          ],
        });
        expect(await get(`/2/conversions/revenue?${RANGE}${mobile}`)).toMatchObject({
          currencies: { EUR: { currency: 'EUR', revenue: 100 } },
        });
        expect(await get(`/2/searches/noClickRate?${RANGE}${mobile}`)).toEqual({
          rate: 2 / 3,
          count: 3,
          noClickCount: 2,
          dates: [
            { rate: 0.5, count: 2, noClickCount: 1, date: '2026-03-01' },
            { rate: 1, count: 1, noClickCount: 1, date: '2026-03-02' },
            { rate: null, count: 0, noClickCount: 0, date: '2026-03-03' },
          ],
        });
        expect(await get(`/2/searches/count?${RANGE}${desktop}`)).toEqual({
          count: 3,
          dates: [
            { date: '2026-03-01', count: 1 },
            { date: '2026-03-02', count: 1 },
            { date: '2026-03-03', count: 1 },
          ],
        });
      });

      it('tags segment top searches and top hits', async () => {
        const { searches } = await get<{ searches: Record<string, unknown>[] }>(
          `/2/searches?${RANGE}&revenueAnalytics=true${tags('platform:desktop')}`,
        );
        expect(searches).toHaveLength(1);
        expect(searches[0]).toMatchObject({
          search: 'tv',
          count: 3,
          nbHits: 9, // (10 + 8 + 10) / 3, rounded
          clickThroughRate: 1,
          averageClickPosition: 17 / 4,
          conversionRate: 2 / 3,
          trackedSearchCount: 3,
          clickCount: 4,
          conversionCount: 3,
          currencies: { USD: { currency: 'USD', revenue: 30.5 } },
          purchaseRate: 2 / 3,
          purchaseCount: 3,
        });
        expect(
          (await get<{ searches: unknown[] }>(`/2/searches?${RANGE}${tags('platform:mobile')}`)).searches,
        ).toEqual([
          { search: 'laptop', count: 1, nbHits: 3 },
          { search: 'phone', count: 1, nbHits: 5 },
          { search: 'tv', count: 1, nbHits: 10 },
        ]);
        const { hits } = await get<{ hits: Record<string, unknown>[] }>(
          `/2/hits?${RANGE}&revenueAnalytics=true${tags('platform:mobile')}`,
        );
        expect(hits.map((h) => h.hit)).toEqual(['C', 'D', 'F']);
        expect(hits[0]).toMatchObject({
          hit: 'C',
          count: 1,
          clickThroughRate: 1,
          conversionRate: 1,
          addToCartCount: 1,
        });
        expect(hits[2]).toMatchObject({
          hit: 'F',
          clickThroughRate: 0,
          purchaseRate: 1,
          currencies: { EUR: { currency: 'EUR', revenue: 100 } },
        });
      });

      it('top hits of one search query (search=), alone or with tags', async () => {
        const hits = async (params: string) =>
          (await get<{ hits: Record<string, unknown>[] }>(`/2/hits?${RANGE}&${params}`)).hits;
        // tv = s1 (A, B), s2 (nothing accepted), s5 (E), s7 (A).
        expect(await hits('search=tv')).toEqual([
          { hit: 'A', count: 2 },
          { hit: 'B', count: 1 },
          { hit: 'E', count: 1 },
        ]);
        const withRevenue = await hits('search=tv&revenueAnalytics=true');
        expect(withRevenue[0]).toMatchObject({
          hit: 'A',
          clickCount: 2,
          purchaseCount: 3,
          currencies: { USD: { currency: 'USD', revenue: 25 } },
        });
        expect(withRevenue[1]).toMatchObject({
          hit: 'B',
          currencies: { USD: { currency: 'USD', revenue: 5.5 } },
        });
        expect(await hits('search=phone')).toEqual([
          { hit: 'C', count: 1 },
          { hit: 'D', count: 1 },
        ]);
        expect(await hits(`search=tv${tags('platform:desktop AND lang:en')}`)).toEqual([
          { hit: 'A', count: 1 },
          { hit: 'B', count: 1 },
        ]);
        expect(await hits(`search=phone${tags('platform:desktop')}`)).toEqual([]);
        expect(await hits('search=TV')).toEqual([]); // the exact query string
        expect(await hits('search=tv&limit=1&offset=1')).toEqual([{ hit: 'B', count: 1 }]);
      });

      it('searches without clicks and without results (GET /2/searches/noClicks, /noResults)', async () => {
        const list = async (path: string, params = '') =>
          (await get<{ searches: unknown[] }>(`${path}?${RANGE}${params}`)).searches;
        // With results and no click: s2 (tv) and s6 (laptop); s4 has no results. nbHits = mean over the
        // query's searches with results (tv: 10, 10, 8, 10 → 9.5 → 10). Ties go by query.
        expect(await list('/2/searches/noClicks')).toEqual([
          { search: 'laptop', count: 1, nbHits: 3 },
          { search: 'tv', count: 1, nbHits: 10 },
        ]);
        expect(await list('/2/searches/noClicks', '&limit=1&offset=1')).toEqual([
          { search: 'tv', count: 1, nbHits: 10 },
        ]);
        expect(await list('/2/searches/noClicks', tags('platform:mobile'))).toEqual([
          { search: 'laptop', count: 1, nbHits: 3 },
          { search: 'tv', count: 1, nbHits: 10 },
        ]);
        expect(await list('/2/searches/noClicks', tags('platform:desktop'))).toEqual([]);
        expect(await list('/2/searches/noResults')).toEqual([
          { search: 'phone', count: 1, withFilterCount: 0 },
        ]);
        expect(await list('/2/searches/noResults', tags('platform:mobile OR platform:desktop'))).toEqual([]);
        const d2 = await get<{ searches: unknown[] }>(
          '/2/searches/noResults?index=products&startDate=2026-03-02&endDate=2026-03-02',
        );
        expect(d2.searches).toEqual([]);
      });

      it('a segment (raw rows) follows the rollups: summed over every query it equals them', async () => {
        const reader = t.collector.store.analytics;
        const all: AnalyticsWindow = { appId: t.appId, index: 'products', from: D1, to: D3 + DAY_MS };
        const queries = ['tv', 'phone', 'laptop'];
        const each = <T>(read: (w: AnalyticsWindow) => Promise<T[]>) =>
          Promise.all(queries.map((query) => read({ ...all, query }))).then((parts) => parts.flat());
        const byDay = (rows: DailySearchStats[]) => sumBy(rows, ['day']);
        expect(byDay(await each((w) => reader.dailyStats(w)))).toEqual(byDay(await reader.dailyStats(all)));
        const keyed = <T extends { key: string | number }>(rows: T[], field: keyof T) =>
          sumBy(rows, ['key', field]);
        expect(keyed(await each((w) => reader.positions(w)), 'bucket')).toEqual(
          keyed(await reader.positions(all), 'bucket'),
        );
        expect(keyed(await each((w) => reader.revenue(w)), 'currency')).toEqual(
          keyed(await reader.revenue(all), 'currency'),
        );
        const page = { limit: 1000, offset: 0 };
        const byObject = (rows: HitStats[]) => sumBy(rows, ['objectID']);
        expect(byObject(await each((w) => reader.topHits(w, page)))).toEqual(
          byObject(await reader.topHits(all, page)),
        );
        const objects = ['A', 'B', 'F'];
        expect(keyed(await each((w) => reader.hitRevenue(w, objects)), 'currency')).toEqual(
          keyed(await reader.hitRevenue(all, objects), 'currency'),
        );
        const top = { orderBy: 'searchCount' as const, direction: 'desc' as const, ...page };
        const sorted = <T extends { query: string }>(rows: T[]) =>
          [...rows].sort((a, b) => a.query.localeCompare(b.query));
        expect(sorted(await each((w) => reader.topSearches(w, top)))).toEqual(
          sorted(await reader.topSearches(all, top)),
        );
        expect(sorted(await each((w) => reader.noClickSearches(w, page)))).toEqual(
          sorted(await reader.noClickSearches(all, page)),
        );
        expect(sorted(await each((w) => reader.noResultSearches(w, page)))).toEqual(
          sorted(await reader.noResultSearches(all, page)),
        );
        expect(keyed(await each((w) => reader.queryPositions(w, queries)), 'bucket')).toEqual(
          keyed(await reader.queryPositions(all, queries), 'bucket'),
        );
        expect(keyed(await each((w) => reader.queryRevenue(w, queries)), 'currency')).toEqual(
          keyed(await reader.queryRevenue(all, queries), 'currency'),
        );
      });

      it('top hits of one query read the per-query rollups, equal to the raw rows of that query', async () => {
        const reader = t.collector.store.analytics;
        const all: AnalyticsWindow = { appId: t.appId, index: 'products', from: D1, to: D3 + DAY_MS };
        // Every tv and laptop search carries one of these tags, so the rule keeps them all: the same
        // searches, read from raw rows instead of the rollups.
        const everyTag = parseTagExpression('platform:desktop OR platform:mobile');
        const page = { limit: 1000, offset: 0 };
        for (const query of ['tv', 'laptop']) {
          const rollup = { ...all, query };
          const raw = { ...rollup, tags: everyTag };
          const hits = await reader.topHits(rollup, page);
          expect(hits.length).toBeGreaterThan(0);
          expect(hits).toEqual(await reader.topHits(raw, page));
          const objects = hits.map((h) => h.objectID);
          expect(await reader.hitRevenue(rollup, objects)).toEqual(await reader.hitRevenue(raw, objects));
        }
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
    ['/2/searches/noClicks?index=p&limit=0', /limit must be an integer from 1 to 1000/],
    ['/2/searches/noResults?index=p&offset=x', /offset must be/],
    ['/2/searches/noClicks', /index is required/],
    ['/2/hits?index=p&search=tv&startDate=2026-02-30', /startDate must be a date/],
    ['/2/searches?index=p&limit=0', /limit must be an integer from 1 to 1000/],
    ['/2/searches?index=p&limit=1001', /limit must be/],
    ['/2/searches?index=p&offset=-1', /offset must be/],
    ['/2/searches?index=p&orderBy=clickThroughRate', /needs clickAnalytics=true/],
    ['/2/searches?index=p&clickAnalytics=true&orderBy=bogus', /orderBy must be one of/],
    ['/2/searches?index=p&direction=up', /direction must be asc or desc/],
    ['/2/searches?index=p&clickAnalytics=yes', /clickAnalytics must be true or false/],
  ])('GET %s → 400 {"status":400,"message"}', async (path, message) => {
    const res = await t.request('GET', path);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, unknown>;
    // Algolia's Analytics API error body: the status and a message, nothing else.
    expect(Object.keys(body)).toEqual(['status', 'message']);
    expect(body.status).toBe(400);
    expect(body.message).toMatch(message);
  });

  it.each([
    [
      '(platform:mobile',
      /tags: the "\(" at character 1 is not closed: expected "\)", got the end of the expression/,
    ],
    [
      'platform:mobile OR',
      /tags: expected a tag or "\(" after "OR" at character 17, got the end of the expression/,
    ],
    ['AND platform:mobile', /tags: expected a tag or "\(", got "AND" at character 1/],
    [
      'platform:mobile platform:desktop',
      /tags: expected AND or OR before "platform:desktop" at character 17/,
    ],
    ['a and b', /expected AND or OR before "and" at character 3/],
    ['a)', /tags: the "\)" at character 2 closes no "\("/],
    ['()', /expected a tag or "\(" after "\(" at character 1, got "\)" at character 2/],
    ['a AND OR b', /expected a tag or "\(" after "AND" at character 3, got "OR"/],
    ['%ZZ', /"%ZZ" at character 1 is not valid percent-encoding/],
    [' ', /tags: the expression is empty/],
    [Array.from({ length: 21 }, (_, i) => `t${i}`).join(' OR '), /at most 20 tags per expression/],
    [`${'('.repeat(9)}a${')'.repeat(9)}`, /parentheses nest deeper than 8 levels/],
    ['x'.repeat(1001), /1001 characters long; at most 1000/],
  ])('tags=%s → 400 TAGS_INVALID naming the rule', async (expression, message) => {
    for (const path of ['/2/clicks/clickThroughRate', '/2/searches', '/2/hits', '/2/searches/noClicks']) {
      const res = await t.request('GET', `${path}?index=p${tags(expression)}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('x-sightline-error')).toBe('TAGS_INVALID');
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ status: 400 });
      expect(Object.keys(body)).toEqual(['status', 'message']);
      expect(body.message).toMatch(message);
      expect(body.message).toMatch(/tags joined by AND or OR .* Fix: write e\.g\. tags=platform:mobile/);
    }
  });

  it('needs the analytics ACL: the search key gets 403, no key 401, both {"status","message"}', async () => {
    const forbidden = await t.request('GET', '/2/clicks/clickThroughRate?index=p', {
      auth: { appId: t.appId, apiKey: t.searchKey },
    });
    expect(forbidden.status).toBe(403);
    const body = (await forbidden.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['status', 'message']);
    expect(body.status).toBe(403);
    const anonymous = await t.request('GET', '/2/searches?index=p', { auth: 'none' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ status: 401, message: expect.any(String) });
  });

  it('every JSON error of /2/… carries status: unknown path 404, wrong method 405', async () => {
    for (const [method, path, status] of [
      ['GET', '/2/clicks/bogus?index=p', 404],
      ['POST', '/2/searches?index=p', 405],
      ['DELETE', '/2/hits?index=p', 405],
    ] as const) {
      const res = await t.request(method, path);
      expect(res.status).toBe(status);
      const body = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['status', 'message']);
      expect(body.status).toBe(status);
    }
  });
});

describe('Tracked searches with analytics tags (POST /1/searches)', () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector();
  });
  afterAll(async () => {
    await t?.close();
  });
  const queryID = (n: number) => n.toString(16).padStart(32, '0');
  const post = (searches: unknown[]) =>
    t.request('POST', '/1/searches', {
      body: JSON.stringify({ searches }),
      auth: { appId: t.appId, apiKey: t.searchKey },
    });
  const search = (n: number, extra: Record<string, unknown> = {}) => ({
    queryID: queryID(n),
    index: 'shop',
    query: 'tv',
    nbHits: 3,
    ...extra,
  });

  it('stores the tags (duplicates once), none when left out, null or empty, and segments on them', async () => {
    const ok = await post([
      search(1, { analyticsTags: ['platform:mobile', 'lang:en', 'platform:mobile'] }),
      search(2, { analyticsTags: ['platform:desktop', 'device:mobile phone', 'ünïcode ✓'] }),
      search(3),
      search(4, { analyticsTags: null }),
      search(5, { analyticsTags: [] }),
    ]);
    expect(ok.status).toBe(200);
    expect(await t.getJson(`/api/searches/${queryID(1)}`)).toMatchObject({
      analyticsTags: ['platform:mobile', 'lang:en'],
    });
    for (const n of [3, 4, 5]) {
      expect(await t.getJson(`/api/searches/${queryID(n)}`)).not.toHaveProperty('analyticsTags');
    }
    const count = async (expression: string) =>
      (await t.getJson<{ count: number }>(`/2/searches/count?index=shop${tags(expression)}`)).count;
    expect(await count('platform:mobile')).toBe(1);
    expect(await count('platform:mobile OR platform:desktop')).toBe(2);
    expect(await count('device:mobile%20phone AND ünïcode%20✓')).toBe(1);
    expect(await count('lang:en AND platform:desktop')).toBe(0);
    expect((await t.getJson<{ count: number }>('/2/searches/count?index=shop')).count).toBe(5);
  });

  it.each([
    [
      'platform:mobile',
      /searches\[1\]\.analyticsTags: analyticsTags must be an array of strings, got string/,
    ],
    [
      { platform: 'mobile' },
      /searches\[1\]\.analyticsTags: analyticsTags must be an array of strings, got object/,
    ],
    [
      ['ok', 7],
      /searches\[1\]\.analyticsTags\[1\]: each analytics tag must be a string of 1–100 characters without control characters, got integer/,
    ],
    [[''], /searches\[1\]\.analyticsTags\[0\]: .* got 0 characters/],
    [['x'.repeat(101)], /searches\[1\]\.analyticsTags\[0\]: .* got 101 characters/],
    [['a\nb'], /searches\[1\]\.analyticsTags\[0\]: .* without control characters, got "a\\nb"/],
    [Array.from({ length: 21 }, (_, i) => `t${i}`), /analyticsTags has 21 tags; at most 20 are allowed/],
  ])(
    'analyticsTags %j → 422 SEARCHES_INVALID naming the field, the rule and the fix',
    async (value, message) => {
      // The bad search comes second: the batch is all or nothing, so the good first one is not stored.
      const good = search(100);
      const res = await post([good, { ...search(101), analyticsTags: value }]);
      expect(res.status).toBe(422);
      expect(res.headers.get('x-sightline-error')).toBe('SEARCHES_INVALID');
      const { message: text } = (await res.json()) as { message: string };
      expect(text).toMatch(message);
      expect(text).toMatch(/Fix: .*"analyticsTags":\["platform:mobile"/);
      expect((await t.request('GET', `/api/searches/${good.queryID}`)).status).toBe(404);
    },
  );

  it('a 100-character tag and 20 tags are accepted (the limits are inclusive)', async () => {
    const tagsAtLimit = Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(100, 'x'));
    expect((await post([search(200, { analyticsTags: tagsAtLimit })])).status).toBe(200);
    expect(await t.getJson(`/api/searches/${queryID(200)}`)).toMatchObject({ analyticsTags: tagsAtLimit });
  });
});
