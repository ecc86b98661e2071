import { bucketColumn } from './analytics-rollups.js';

/**
 * The analytics reads, written once for SQLite and PostgreSQL (`?` placeholders; the PostgreSQL
 * store renumbers them). They read the rollups of store/analytics-rollups.ts (counters per UTC day
 * of the search, per query and per objectID, kept by triggers): the work grows with the days ×
 * distinct queries (or objects) of the range, never with the number of searches or events.
 *
 * A search and everything tied to it count on the UTC day of the search, whenever the click or
 * conversion arrived.
 */

/** Which searches: one application, one index, `from` ≤ timestamp < `to` (ms since the epoch). */
export interface AnalyticsWindow {
  appId: string;
  index: string;
  from: number;
  to: number;
}

/** Totals of one UTC day (`day` = days since the epoch), over the tracked searches of that day. */
export interface DailySearchStats {
  day: number;
  trackedSearches: number;
  /** Tracked searches with nbHits > 0 (the no-click rate's denominator). */
  searchesWithResults: number;
  searchesWithClick: number;
  /** Searches with results and no click. */
  searchesWithoutClick: number;
  searchesWithConversion: number;
  searchesWithAddToCart: number;
  searchesWithPurchase: number;
  clickEvents: number;
  conversionEvents: number;
  addToCartEvents: number;
  purchaseEvents: number;
  /** Clicked positions (one per object of a click event) and their sum. */
  positionCount: number;
  positionSum: number;
}

/** Totals of one query string over the window (top searches). */
export interface QueryStats extends Omit<DailySearchStats, 'day'> {
  query: string;
  /** Mean nbHits of its searches, rounded. */
  nbHits: number;
}

/** Totals of one object (top hits), over the events tied to tracked searches of the window. */
export interface HitStats {
  objectID: string;
  /** Tracked searches in which the object was clicked or converted. */
  trackedSearches: number;
  searchesWithClick: number;
  searchesWithConversion: number;
  searchesWithAddToCart: number;
  searchesWithPurchase: number;
  clickEvents: number;
  conversionEvents: number;
  addToCartEvents: number;
  purchaseEvents: number;
}

/** Revenue of one currency in one group (a day, a query or an object). */
export interface RevenueRow {
  key: string | number;
  currency: string;
  revenue: number;
}

/** Clicks of one position bucket (1–10 alone, 11 = [11,20], 12 = [21,-1]) in one group. */
export interface PositionRow {
  key: string | number;
  bucket: number;
  clicks: number;
}

/** Orders of the top-searches list (Analytics API `orderBy`). */
export type TopSearchOrder = 'searchCount' | 'clickThroughRate' | 'conversionRate' | 'averageClickPosition';

/** Paging and order of a top list. */
export interface TopQuery {
  orderBy: TopSearchOrder;
  direction: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** The analytics reads every store offers ({@link createAnalyticsReader} builds them). */
export interface AnalyticsReader {
  dailyStats(window: AnalyticsWindow): Promise<DailySearchStats[]>;
  /** Position buckets, grouped by day (`key` = day). */
  positions(window: AnalyticsWindow): Promise<PositionRow[]>;
  /** Purchase revenue, grouped by day (`key` = day). */
  revenue(window: AnalyticsWindow): Promise<RevenueRow[]>;
  topSearches(window: AnalyticsWindow, query: TopQuery): Promise<QueryStats[]>;
  /** Position buckets of some queries (`key` = query). */
  queryPositions(window: AnalyticsWindow, queries: string[]): Promise<PositionRow[]>;
  /** Revenue of some queries (`key` = query). */
  queryRevenue(window: AnalyticsWindow, queries: string[]): Promise<RevenueRow[]>;
  topHits(window: AnalyticsWindow, page: { limit: number; offset: number }): Promise<HitStats[]>;
  /** Revenue of some objects (`key` = objectID). */
  hitRevenue(window: AnalyticsWindow, objectIDs: string[]): Promise<RevenueRow[]>;
}

/** Runs a read with `?` placeholders and returns its rows. */
export type RunQuery = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

const DAY_MS = 86_400_000;

/** Rows of a rollup table for the window's application, index and days. */
const WINDOW = 'app_id = ? AND index_name = ? AND day >= ? AND day < ?';

/** Sums of the (day) and (day, query) rollup counters, named as {@link toTotals} reads them. */
const TOTALS = `SUM(tracked) AS tracked, SUM(with_results) AS with_results, SUM(clicked) AS clicked,
  SUM(no_click) AS no_click, SUM(converted) AS converted, SUM(added) AS added, SUM(purchased) AS purchased,
  SUM(clicks) AS clicks, SUM(conversions) AS conversions, SUM(add_to_carts) AS add_to_carts,
  SUM(purchases) AS purchases, SUM(positions) AS positions, SUM(position_sum) AS position_sum`;

const ORDER_COLUMNS: Record<TopSearchOrder, string> = {
  searchCount: 'tracked',
  clickThroughRate: 'ctr',
  conversionRate: 'cr',
  averageClickPosition: 'avg_position',
};

/** The window as whole UTC days (analytics requests always ask for whole days). */
function windowParams(w: AnalyticsWindow): unknown[] {
  return [w.appId, w.index, Math.floor(w.from / DAY_MS), Math.ceil(w.to / DAY_MS)];
}

function placeholders(values: unknown[]): string {
  return values.map(() => '?').join(', ');
}

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

function toTotals(r: Record<string, unknown>): Omit<DailySearchStats, 'day'> {
  return {
    trackedSearches: num(r.tracked),
    searchesWithResults: num(r.with_results),
    searchesWithClick: num(r.clicked),
    searchesWithoutClick: num(r.no_click),
    searchesWithConversion: num(r.converted),
    searchesWithAddToCart: num(r.added),
    searchesWithPurchase: num(r.purchased),
    clickEvents: num(r.clicks),
    conversionEvents: num(r.conversions),
    addToCartEvents: num(r.add_to_carts),
    purchaseEvents: num(r.purchases),
    positionCount: num(r.positions),
    positionSum: num(r.position_sum),
  };
}

function toRevenue(rows: Record<string, unknown>[], numericKey: boolean): RevenueRow[] {
  return rows.map((r) => ({
    key: numericKey ? num(r.k) : String(r.k),
    currency: String(r.currency),
    revenue: num(r.revenue),
  }));
}

/** The 12 position buckets and the sums of their rollup columns (`b1` … `b12`). */
const BUCKETS = Array.from({ length: 12 }, (_, i) => i + 1);
const BUCKET_SUMS = BUCKETS.map((k) => `SUM(${bucketColumn(k)}) AS b${k}`).join(', ');

function toPositions(rows: Record<string, unknown>[], numericKey: boolean): PositionRow[] {
  return rows.map((r) => ({
    key: numericKey ? num(r.k) : String(r.k),
    bucket: num(r.bucket),
    clicks: num(r.clicks),
  }));
}

/** The analytics reads over a store's `run`, from the rollup tables (store/analytics-rollups.ts). */
export function createAnalyticsReader(run: RunQuery): AnalyticsReader {
  // Rollup rows can sink back to zero when data is deleted; HAVING keeps them out, as if absent.
  const positionsBy = async (table: string, key: string, filter: string, params: unknown[]) => {
    const rows = await run(
      `SELECT ${key} AS k, ${BUCKET_SUMS} FROM ${table} WHERE ${WINDOW} ${filter} GROUP BY ${key}`,
      params,
    );
    return rows.flatMap((r) =>
      BUCKETS.map((bucket) => ({ k: r.k, bucket, clicks: num(r[`b${bucket}`]) })).filter((p) => p.clicks > 0),
    );
  };
  const revenueBy = (table: string, key: string, filter: string) =>
    `SELECT ${key} AS k, currency, SUM(revenue) AS revenue FROM ${table}
     WHERE ${WINDOW} ${filter} GROUP BY ${key}, currency HAVING SUM(links) > 0`;

  return {
    async dailyStats(w) {
      const rows = await run(
        `SELECT day, ${TOTALS} FROM analytics_days WHERE ${WINDOW}
         GROUP BY day HAVING SUM(tracked) > 0 ORDER BY day`,
        windowParams(w),
      );
      return rows.map((r) => ({ day: num(r.day), ...toTotals(r) }));
    },
    async positions(w) {
      return toPositions(await positionsBy('analytics_days', 'day', '', windowParams(w)), true);
    },
    async revenue(w) {
      return toRevenue(await run(revenueBy('analytics_day_revenue', 'day', ''), windowParams(w)), true);
    },
    async topSearches(w, q) {
      const column = ORDER_COLUMNS[q.orderBy];
      const direction = q.direction === 'asc' ? 'ASC' : 'DESC';
      // Rates never lack a denominator here (every group has ≥ 1 search); only the average
      // position can be NULL, and NULLs go last both ways (SQLite and PostgreSQL disagree by default).
      const rows = await run(
        `SELECT * FROM (
           SELECT query, ${TOTALS}, 1.0 * SUM(nb_hits_sum) / SUM(tracked) AS nb_hits,
             1.0 * SUM(clicked) / SUM(tracked) AS ctr,
             1.0 * SUM(converted) / SUM(tracked) AS cr,
             CASE WHEN SUM(positions) > 0 THEN 1.0 * SUM(position_sum) / SUM(positions) END AS avg_position
           FROM analytics_queries WHERE ${WINDOW}
           GROUP BY query HAVING SUM(tracked) > 0
         ) q
         ORDER BY (${column} IS NULL), ${column} ${direction}, tracked DESC, query
         LIMIT ? OFFSET ?`,
        [...windowParams(w), q.limit, q.offset],
      );
      return rows.map((r) => ({
        query: String(r.query),
        nbHits: Math.round(num(r.nb_hits)),
        ...toTotals(r),
      }));
    },
    async queryPositions(w, queries) {
      if (queries.length === 0) return [];
      return toPositions(
        await positionsBy('analytics_queries', 'query', `AND query IN (${placeholders(queries)})`, [
          ...windowParams(w),
          ...queries,
        ]),
        false,
      );
    },
    async queryRevenue(w, queries) {
      if (queries.length === 0) return [];
      return toRevenue(
        await run(revenueBy('analytics_revenue', 'query', `AND query IN (${placeholders(queries)})`), [
          ...windowParams(w),
          ...queries,
        ]),
        false,
      );
    },
    async topHits(w, page) {
      const rows = await run(
        `SELECT object_id, SUM(tracked) AS tracked, SUM(clicked) AS clicked, SUM(converted) AS converted,
           SUM(added) AS added, SUM(purchased) AS purchased, SUM(clicks) AS clicks,
           SUM(conversions) AS conversions, SUM(add_to_carts) AS add_to_carts, SUM(purchases) AS purchases
         FROM analytics_hits WHERE ${WINDOW}
         GROUP BY object_id HAVING SUM(tracked) > 0
         ORDER BY tracked DESC, clicks DESC, object_id
         LIMIT ? OFFSET ?`,
        [...windowParams(w), page.limit, page.offset],
      );
      return rows.map((r) => ({
        objectID: String(r.object_id),
        trackedSearches: num(r.tracked),
        searchesWithClick: num(r.clicked),
        searchesWithConversion: num(r.converted),
        searchesWithAddToCart: num(r.added),
        searchesWithPurchase: num(r.purchased),
        clickEvents: num(r.clicks),
        conversionEvents: num(r.conversions),
        addToCartEvents: num(r.add_to_carts),
        purchaseEvents: num(r.purchases),
      }));
    },
    async hitRevenue(w, objectIDs) {
      if (objectIDs.length === 0) return [];
      return toRevenue(
        await run(
          revenueBy('analytics_hit_revenue', 'object_id', `AND object_id IN (${placeholders(objectIDs)})`),
          [...windowParams(w), ...objectIDs],
        ),
        false,
      );
    },
  };
}
