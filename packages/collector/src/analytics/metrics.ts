import type {
  DailySearchStats,
  HitStats,
  NoClickSearch,
  NoResultSearch,
  PositionRow,
  QueryStats,
  RevenueRow,
} from '../store/analytics-queries.js';
import type { AnalyticsRequest } from './analytics-params.js';

/** The 12 click-position buckets of the Analytics API: 1–10 one by one, then [11,20] and [21,-1]. */
export const POSITION_BUCKETS: readonly [number, number][] = [
  ...Array.from({ length: 10 }, (_, i): [number, number] => [i + 1, i + 1]),
  [11, 20],
  [21, -1],
];

/** Revenue per currency, as the Analytics API shapes it. */
export type Currencies = Record<string, { currency: string; revenue: number }>;

type Totals = Omit<DailySearchStats, 'day'>;

const EMPTY: Totals = {
  trackedSearches: 0,
  searchesWithResults: 0,
  searchesWithClick: 0,
  searchesWithoutClick: 0,
  searchesWithConversion: 0,
  searchesWithAddToCart: 0,
  searchesWithPurchase: 0,
  clickEvents: 0,
  conversionEvents: 0,
  addToCartEvents: 0,
  purchaseEvents: 0,
  positionCount: 0,
  positionSum: 0,
};

/** A rate, or null when there is nothing to divide by (no tracked searches: no data, not 0). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Float sums of prices drift (0.1 + 0.2); money is reported to a millionth. */
function money(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function add(a: Totals, b: Totals): Totals {
  const sum = { ...a };
  for (const key of Object.keys(EMPTY) as (keyof Totals)[]) sum[key] = a[key] + b[key];
  return sum;
}

/**
 * Daily totals for every day of the request (days without searches are zero) and the period
 * totals. Period rates are computed from these totals, never as a mean of daily rates.
 */
export function dailyTotals(
  request: AnalyticsRequest,
  rows: DailySearchStats[],
): { period: Totals; days: { date: string; totals: Totals }[] } {
  const byDay = new Map(rows.map(({ day, ...totals }) => [day, totals]));
  const days = request.dates.map((date, i) => ({
    date,
    totals: byDay.get(request.firstDay + i) ?? EMPTY,
  }));
  return { period: days.reduce((sum, d) => add(sum, d.totals), EMPTY), days };
}

/** `GET /2/clicks/clickThroughRate`. */
export function clickThroughRate(request: AnalyticsRequest, rows: DailySearchStats[]) {
  const { period, days } = dailyTotals(request, rows);
  const entry = (t: Totals) => ({
    rate: rate(t.searchesWithClick, t.trackedSearches),
    clickCount: t.clickEvents,
    trackedSearchCount: t.trackedSearches,
  });
  return { ...entry(period), dates: days.map((d) => ({ ...entry(d.totals), date: d.date })) };
}

/** `GET /2/clicks/averageClickPosition`: every clicked position counts once. */
export function averageClickPosition(request: AnalyticsRequest, rows: DailySearchStats[]) {
  const { period, days } = dailyTotals(request, rows);
  const entry = (t: Totals) => ({
    average: rate(t.positionSum, t.positionCount),
    clickCount: t.positionCount,
  });
  return { ...entry(period), dates: days.map((d) => ({ ...entry(d.totals), date: d.date })) };
}

/** Click counts in the 12 buckets, from bucket rows (bucket 1–12). */
export function positionBuckets(rows: PositionRow[]): { position: [number, number]; clickCount: number }[] {
  const counts = new Array<number>(POSITION_BUCKETS.length).fill(0);
  for (const row of rows) counts[row.bucket - 1] = (counts[row.bucket - 1] ?? 0) + row.clicks;
  return POSITION_BUCKETS.map((position, i) => ({ position, clickCount: counts[i] ?? 0 }));
}

/** `GET /2/conversions/conversionRate`, `addToCartRate` and `purchaseRate`. */
export function conversionRates(request: AnalyticsRequest, rows: DailySearchStats[]) {
  const { period, days } = dailyTotals(request, rows);
  const build = (pick: (t: Totals) => Record<string, number | null>) => ({
    ...pick(period),
    dates: days.map((d) => ({ ...pick(d.totals), date: d.date })),
  });
  return {
    conversionRate: build((t) => ({
      rate: rate(t.searchesWithConversion, t.trackedSearches),
      trackedSearchCount: t.trackedSearches,
      conversionCount: t.conversionEvents,
    })),
    addToCartRate: build((t) => ({
      rate: rate(t.searchesWithAddToCart, t.trackedSearches),
      trackedSearchCount: t.trackedSearches,
      addToCartCount: t.addToCartEvents,
    })),
    purchaseRate: build((t) => ({
      rate: rate(t.searchesWithPurchase, t.trackedSearches),
      trackedSearchCount: t.trackedSearches,
      purchaseCount: t.purchaseEvents,
    })),
  };
}

/** `GET /2/searches/noClickRate`: over tracked searches with at least one hit. */
export function noClickRate(request: AnalyticsRequest, rows: DailySearchStats[]) {
  const { period, days } = dailyTotals(request, rows);
  const entry = (t: Totals) => ({
    rate: rate(t.searchesWithoutClick, t.searchesWithResults),
    count: t.searchesWithResults,
    noClickCount: t.searchesWithoutClick,
  });
  return { ...entry(period), dates: days.map((d) => ({ ...entry(d.totals), date: d.date })) };
}

/** `GET /2/searches/count`: tracked searches per day. */
export function searchCount(request: AnalyticsRequest, rows: DailySearchStats[]) {
  const { period, days } = dailyTotals(request, rows);
  return {
    count: period.trackedSearches,
    dates: days.map((d) => ({ date: d.date, count: d.totals.trackedSearches })),
  };
}

/** Revenue rows of one key as the `currencies` object. */
export function currencies(rows: RevenueRow[], key?: string | number): Currencies {
  const out: Currencies = {};
  for (const row of rows) {
    if (key !== undefined && row.key !== key) continue;
    const current = out[row.currency]?.revenue ?? 0;
    out[row.currency] = { currency: row.currency, revenue: money(current + row.revenue) };
  }
  return out;
}

/** `GET /2/conversions/revenue`. */
export function revenue(request: AnalyticsRequest, rows: RevenueRow[]) {
  return {
    currencies: currencies(rows),
    dates: request.dates.map((date, i) => ({ currencies: currencies(rows, request.firstDay + i), date })),
  };
}

/** One row of `GET /2/searches`, with the analytics the request asked for. */
export function topSearch(
  stats: QueryStats,
  options: { clickAnalytics: boolean; revenueAnalytics: boolean },
  positions: PositionRow[],
  revenueRows: RevenueRow[],
) {
  const base = { search: stats.query, count: stats.trackedSearches, nbHits: stats.nbHits };
  if (!options.clickAnalytics && !options.revenueAnalytics) return base;
  const clicks = {
    ...base,
    clickThroughRate: rate(stats.searchesWithClick, stats.trackedSearches),
    averageClickPosition: rate(stats.positionSum, stats.positionCount),
    clickPositions: positionBuckets(positions.filter((p) => p.key === stats.query)),
    conversionRate: rate(stats.searchesWithConversion, stats.trackedSearches),
    trackedSearchCount: stats.trackedSearches,
    clickCount: stats.clickEvents,
    conversionCount: stats.conversionEvents,
  };
  if (!options.revenueAnalytics) return clicks;
  return {
    ...clicks,
    currencies: currencies(revenueRows, stats.query),
    addToCartRate: rate(stats.searchesWithAddToCart, stats.trackedSearches),
    addToCartCount: stats.addToCartEvents,
    purchaseRate: rate(stats.searchesWithPurchase, stats.trackedSearches),
    purchaseCount: stats.purchaseEvents,
  };
}

/** One row of `GET /2/hits`, with the analytics the request asked for. */
export function topHit(
  stats: HitStats,
  options: { clickAnalytics: boolean; revenueAnalytics: boolean },
  revenueRows: RevenueRow[],
) {
  const base = { hit: stats.objectID, count: stats.trackedSearches };
  if (!options.clickAnalytics && !options.revenueAnalytics) return base;
  const clicks = {
    ...base,
    clickThroughRate: rate(stats.searchesWithClick, stats.trackedSearches),
    conversionRate: rate(stats.searchesWithConversion, stats.trackedSearches),
    trackedHitCount: stats.trackedSearches,
    clickCount: stats.clickEvents,
    conversionCount: stats.conversionEvents,
  };
  if (!options.revenueAnalytics) return clicks;
  return {
    ...clicks,
    addToCartRate: rate(stats.searchesWithAddToCart, stats.trackedSearches),
    addToCartCount: stats.addToCartEvents,
    purchaseRate: rate(stats.searchesWithPurchase, stats.trackedSearches),
    purchaseCount: stats.purchaseEvents,
    currencies: currencies(revenueRows, stats.objectID),
  };
}

/** One row of `GET /2/searches/noClicks` (Algolia's `dailySearchesNoClicks`). */
export function noClickSearch(stats: NoClickSearch) {
  return { search: stats.query, count: stats.count, nbHits: stats.nbHits };
}

/**
 * One row of `GET /2/searches/noResults`. `withFilterCount` is always 0: a search backend reports
 * no filters with its searches, so the collector cannot tell which searches had them.
 */
export function noResultSearch(stats: NoResultSearch) {
  return { search: stats.query, count: stats.count, withFilterCount: 0 };
}
