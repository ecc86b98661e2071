/**
 * The analytics reads, written once for SQLite and PostgreSQL (`?` placeholders; the PostgreSQL
 * store renumbers them). Every query starts from the tracked searches of one index in a time window
 * (index `searches_window`) and joins the search links of those searches (index `search_links_query`):
 * the work grows with the searches in the window, never with the whole store.
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

/** The searches of the window, with their UTC day. */
const SEARCHES = `s AS (
  SELECT query_id, query, nb_hits, timestamp / ${DAY_MS} AS day
  FROM searches WHERE app_id = ? AND index_name = ? AND timestamp >= ? AND timestamp < ?
)`;

/** One row per search of the window with what is tied to it. */
const PER_SEARCH = `${SEARCHES}, t AS (
  SELECT s.query_id, s.query, s.nb_hits, s.day,
    COALESCE(SUM(CASE WHEN l.kind = 'click' THEN l.counts END), 0) AS clicks,
    COALESCE(SUM(CASE WHEN l.kind <> 'click' THEN l.counts END), 0) AS conversions,
    COALESCE(SUM(CASE WHEN l.kind = 'addToCart' THEN l.counts END), 0) AS add_to_carts,
    COALESCE(SUM(CASE WHEN l.kind = 'purchase' THEN l.counts END), 0) AS purchases,
    COUNT(l.position) AS positions,
    COALESCE(SUM(l.position), 0) AS position_sum
  FROM s LEFT JOIN search_links l ON l.app_id = ? AND l.query_id = s.query_id
  GROUP BY s.query_id, s.query, s.nb_hits, s.day
)`;

const TOTALS = `COUNT(*) AS tracked,
  SUM(CASE WHEN nb_hits > 0 THEN 1 ELSE 0 END) AS with_results,
  SUM(CASE WHEN clicks > 0 THEN 1 ELSE 0 END) AS clicked,
  SUM(CASE WHEN nb_hits > 0 AND clicks = 0 THEN 1 ELSE 0 END) AS no_click,
  SUM(CASE WHEN conversions > 0 THEN 1 ELSE 0 END) AS converted,
  SUM(CASE WHEN add_to_carts > 0 THEN 1 ELSE 0 END) AS added,
  SUM(CASE WHEN purchases > 0 THEN 1 ELSE 0 END) AS purchased,
  SUM(clicks) AS clicks, SUM(conversions) AS conversions, SUM(add_to_carts) AS add_to_carts,
  SUM(purchases) AS purchases, SUM(positions) AS positions, SUM(position_sum) AS position_sum`;

const BUCKET = 'CASE WHEN l.position <= 10 THEN l.position WHEN l.position <= 20 THEN 11 ELSE 12 END';

const ORDER_COLUMNS: Record<TopSearchOrder, string> = {
  searchCount: 'tracked',
  clickThroughRate: 'ctr',
  conversionRate: 'cr',
  averageClickPosition: 'avg_position',
};

function windowParams(w: AnalyticsWindow): unknown[] {
  return [w.appId, w.index, w.from, w.to, w.appId];
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

function toPositions(rows: Record<string, unknown>[], numericKey: boolean): PositionRow[] {
  return rows.map((r) => ({
    key: numericKey ? num(r.k) : String(r.k),
    bucket: num(r.bucket),
    clicks: num(r.clicks),
  }));
}

/** The analytics reads over a store's `run`. */
export function createAnalyticsReader(run: RunQuery): AnalyticsReader {
  const positionsBy = (key: string, filter: string) =>
    `WITH ${SEARCHES}
     SELECT ${key} AS k, ${BUCKET} AS bucket, COUNT(*) AS clicks
     FROM s JOIN search_links l ON l.app_id = ? AND l.query_id = s.query_id
     WHERE l.kind = 'click' AND l.position IS NOT NULL ${filter}
     GROUP BY ${key}, ${BUCKET}`;
  const revenueBy = (key: string, filter: string) =>
    `WITH ${SEARCHES}
     SELECT ${key} AS k, l.currency AS currency, SUM(l.revenue) AS revenue
     FROM s JOIN search_links l ON l.app_id = ? AND l.query_id = s.query_id
     WHERE l.kind = 'purchase' AND l.revenue IS NOT NULL ${filter}
     GROUP BY ${key}, l.currency`;

  return {
    async dailyStats(w) {
      const rows = await run(
        `WITH ${PER_SEARCH} SELECT day, ${TOTALS} FROM t GROUP BY day ORDER BY day`,
        windowParams(w),
      );
      return rows.map((r) => ({ day: num(r.day), ...toTotals(r) }));
    },
    async positions(w) {
      return toPositions(await run(positionsBy('s.day', ''), windowParams(w)), true);
    },
    async revenue(w) {
      return toRevenue(await run(revenueBy('s.day', ''), windowParams(w)), true);
    },
    async topSearches(w, q) {
      const column = ORDER_COLUMNS[q.orderBy];
      const direction = q.direction === 'asc' ? 'ASC' : 'DESC';
      // Rates never lack a denominator here (every group has ≥ 1 search); only the average
      // position can be NULL, and NULLs go last both ways (SQLite and PostgreSQL disagree by default).
      const rows = await run(
        `WITH ${PER_SEARCH}
         SELECT * FROM (
           SELECT query, ${TOTALS}, AVG(nb_hits) AS nb_hits,
             1.0 * SUM(CASE WHEN clicks > 0 THEN 1 ELSE 0 END) / COUNT(*) AS ctr,
             1.0 * SUM(CASE WHEN conversions > 0 THEN 1 ELSE 0 END) / COUNT(*) AS cr,
             CASE WHEN SUM(positions) > 0 THEN 1.0 * SUM(position_sum) / SUM(positions) END AS avg_position
           FROM t GROUP BY query
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
        await run(positionsBy('s.query', `AND s.query IN (${placeholders(queries)})`), [
          ...windowParams(w),
          ...queries,
        ]),
        false,
      );
    },
    async queryRevenue(w, queries) {
      if (queries.length === 0) return [];
      return toRevenue(
        await run(revenueBy('s.query', `AND s.query IN (${placeholders(queries)})`), [
          ...windowParams(w),
          ...queries,
        ]),
        false,
      );
    },
    async topHits(w, page) {
      const rows = await run(
        `WITH ${SEARCHES}
         SELECT l.object_id AS object_id,
           COUNT(DISTINCT l.query_id) AS tracked,
           COUNT(DISTINCT CASE WHEN l.kind = 'click' THEN l.query_id END) AS clicked,
           COUNT(DISTINCT CASE WHEN l.kind <> 'click' THEN l.query_id END) AS converted,
           COUNT(DISTINCT CASE WHEN l.kind = 'addToCart' THEN l.query_id END) AS added,
           COUNT(DISTINCT CASE WHEN l.kind = 'purchase' THEN l.query_id END) AS purchased,
           SUM(CASE WHEN l.kind = 'click' THEN 1 ELSE 0 END) AS clicks,
           SUM(CASE WHEN l.kind <> 'click' THEN 1 ELSE 0 END) AS conversions,
           SUM(CASE WHEN l.kind = 'addToCart' THEN 1 ELSE 0 END) AS add_to_carts,
           SUM(CASE WHEN l.kind = 'purchase' THEN 1 ELSE 0 END) AS purchases
         FROM s JOIN search_links l ON l.app_id = ? AND l.query_id = s.query_id
         WHERE l.object_id IS NOT NULL
         GROUP BY l.object_id
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
        await run(revenueBy('l.object_id', `AND l.object_id IN (${placeholders(objectIDs)})`), [
          ...windowParams(w),
          ...objectIDs,
        ]),
        false,
      );
    },
  };
}
