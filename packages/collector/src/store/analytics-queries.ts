import type { TagExpression } from '../analytics/tag-expression.js';
import { bucketColumn } from './analytics-rollups.js';

/**
 * The analytics reads, written once for SQLite and PostgreSQL (`?` placeholders; the PostgreSQL
 * store renumbers them). They read the rollups of store/analytics-rollups.ts (counters per UTC day
 * of the search, per query and per objectID, kept by triggers): the work grows with the days ×
 * distinct queries (or objects) of the range, never with the number of searches or events.
 *
 * One query string (`search=` of top hits) reads the per-query rollups. An analytics-tags segment
 * has no rollup: it is answered from the raw `searches` and `search_links` rows of the range, shaped
 * like the rollup rows so the same reads run over them (see {@link rawSources}); its cost grows
 * with the searches of the range.
 *
 * A search and everything tied to it count on the UTC day of the search, whenever the click or
 * conversion arrived.
 */

/**
 * Which searches: one application, one index, `from` ≤ timestamp < `to` (ms since the epoch), and
 * optionally only those whose analytics tags match `tags`, or whose query string is `query`.
 */
export interface AnalyticsWindow {
  appId: string;
  index: string;
  from: number;
  to: number;
  /** Analytics-tags segment (`tags=`); answered from raw rows. */
  tags?: TagExpression;
  /** Exact query string (`search=` of top hits); answered from the per-query rollups (raw rows with `tags`). */
  query?: string;
}

/** The SQL dialect of a store: only the analytics-tags test differs (JSON functions). */
export type SqlDialect = 'sqlite' | 'postgres';

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

/** A query string's searches that had results but no click (`GET /2/searches/noClicks`). */
export interface NoClickSearch {
  query: string;
  /** Tracked searches with results (nbHits > 0) and no click. */
  count: number;
  /** Mean nbHits of the query's tracked searches that had results, rounded. */
  nbHits: number;
}

/** A query string's searches without results (`GET /2/searches/noResults`). */
export interface NoResultSearch {
  query: string;
  /** Tracked searches with nbHits = 0. */
  count: number;
}

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
  /** Queries by their searches with results and no click, most first (ties by query). */
  noClickSearches(window: AnalyticsWindow, page: { limit: number; offset: number }): Promise<NoClickSearch[]>;
  /** Queries by their searches without results, most first (ties by query). */
  noResultSearches(
    window: AnalyticsWindow,
    page: { limit: number; offset: number },
  ): Promise<NoResultSearch[]>;
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

/**
 * Where a read finds its rows: a FROM item (a rollup table, or raw rows shaped like one) and the
 * condition picking the window in it, with their parameters in the order they appear.
 */
interface Source {
  from: string;
  where: string;
  params: unknown[];
}

/** The sources of every read: (day, query) search counters, (day, object) hit counters, revenue. */
interface Sources {
  /** Columns of `analytics_days`; the (day, query) source serves it too for raw rows. */
  days: Source;
  /** Columns of `analytics_queries`. */
  queries: Source;
  /** Columns of `analytics_hits`. */
  hits: Source;
  /** `day`, `query`, `object_id`, `currency`, `revenue`, `links` (the revenue rollups' columns). */
  dayRevenue: Source;
  queryRevenue: Source;
  hitRevenue: Source;
}

function rollupSources(w: AnalyticsWindow): Sources {
  const table = (from: string): Source => ({ from, where: WINDOW, params: windowParams(w) });
  return {
    days: table('analytics_days'),
    queries: table('analytics_queries'),
    hits: table('analytics_hits'),
    dayRevenue: table('analytics_day_revenue'),
    queryRevenue: table('analytics_revenue'),
    hitRevenue: table('analytics_hit_revenue'),
  };
}

/**
 * One query string without tags (`/2/hits?search=`): the per-query rollups, whose rows have the
 * columns of their per-day counterparts plus `query`.
 */
function queryRollupSources(w: AnalyticsWindow): Sources {
  const table = (from: string): Source => ({
    from,
    where: `${WINDOW} AND query = ?`,
    params: [...windowParams(w), w.query],
  });
  return {
    days: table('analytics_queries'),
    queries: table('analytics_queries'),
    hits: table('analytics_query_hits'),
    dayRevenue: table('analytics_revenue'),
    queryRevenue: table('analytics_revenue'),
    hitRevenue: table('analytics_query_hit_revenue'),
  };
}

/** 1 or 0 for a condition (PostgreSQL has no boolean arithmetic). */
const b = (condition: string) => `(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

const BUCKET_OF = (position: string) =>
  `(CASE WHEN ${position} <= 10 THEN ${position} WHEN ${position} <= 20 THEN 11 ELSE 12 END)`;

/**
 * The analytics-tags test of one tag on search `s`. Tags are stored as a JSON array of strings
 * (NULL when the search had none, which matches no tag).
 */
function tagTest(dialect: SqlDialect): string {
  return dialect === 'sqlite'
    ? 'EXISTS (SELECT 1 FROM json_each(s.analytics_tags) AS t WHERE t.value = ?)'
    : '(CAST(s.analytics_tags AS JSONB) @> jsonb_build_array(CAST(? AS TEXT)))';
}

function tagSql(expression: TagExpression, dialect: SqlDialect, params: unknown[]): string {
  if (expression.kind === 'tag') {
    params.push(expression.tag);
    return tagTest(dialect);
  }
  const joiner = expression.kind === 'and' ? ' AND ' : ' OR ';
  return `(${expression.operands.map((operand) => tagSql(operand, dialect, params)).join(joiner)})`;
}

/** The segment's searches `s`: the window (by timestamp, on `searches_window`), its query, its tags. */
function segmentFilter(w: AnalyticsWindow, dialect: SqlDialect): { sql: string; params: unknown[] } {
  const clauses = ['s.app_id = ?', 's.index_name = ?', 's.timestamp >= ?', 's.timestamp < ?'];
  const params: unknown[] = [w.appId, w.index, w.from, w.to];
  if (w.query !== undefined) {
    clauses.push('s.query = ?');
    params.push(w.query);
  }
  if (w.tags !== undefined) clauses.push(tagSql(w.tags, dialect, params));
  return { sql: clauses.join(' AND '), params };
}

const DAY = `s.timestamp / ${DAY_MS}`;
const LINKED = 'search_links l ON l.app_id = s.app_id AND l.query_id = s.query_id';

/**
 * Raw rows shaped like the rollups, for a segment. They follow the rollups' definitions
 * (store/analytics-rollups.ts) from the same base rows: per search, what its links add up to
 * (`counts` makes an event with several objects one click or conversion); per (search, object),
 * link rows; revenue from purchase links with a price.
 */
function rawSources(w: AnalyticsWindow, dialect: SqlDialect): Sources {
  const segment = segmentFilter(w, dialect);
  const kindCounts = (condition: string) => `SUM(CASE WHEN ${condition} THEN l.counts ELSE 0 END)`;
  const perSearch = `SELECT ${DAY} AS day, s.query AS query, s.nb_hits AS nb_hits,
      ${kindCounts("l.kind = 'click'")} AS clicks, ${kindCounts("l.kind <> 'click'")} AS conversions,
      ${kindCounts("l.kind = 'addToCart'")} AS add_to_carts, ${kindCounts("l.kind = 'purchase'")} AS purchases,
      COUNT(l.position) AS positions, COALESCE(SUM(l.position), 0) AS position_sum,
      ${BUCKETS.map((k) => `SUM(${b(`l.kind = 'click' AND l.position IS NOT NULL AND ${BUCKET_OF('l.position')} = ${k}`)}) AS ${bucketColumn(k)}`).join(', ')}
    FROM searches s LEFT JOIN ${LINKED}
    WHERE ${segment.sql}
    GROUP BY s.query_id, s.timestamp, s.query, s.nb_hits`;
  const searchRows = `(SELECT p.day AS day, p.query AS query, 1 AS tracked, ${b('p.nb_hits > 0')} AS with_results,
      ${b('p.clicks > 0')} AS clicked, ${b('p.nb_hits > 0 AND p.clicks = 0')} AS no_click,
      ${b('p.conversions > 0')} AS converted, ${b('p.add_to_carts > 0')} AS added,
      ${b('p.purchases > 0')} AS purchased, p.clicks AS clicks, p.conversions AS conversions,
      p.add_to_carts AS add_to_carts, p.purchases AS purchases, p.positions AS positions,
      p.position_sum AS position_sum, p.nb_hits AS nb_hits_sum,
      ${BUCKETS.map((k) => `p.${bucketColumn(k)} AS ${bucketColumn(k)}`).join(', ')}
    FROM (${perSearch}) p) v`;
  const linkRows = (condition: string) => `SUM(${b(condition)})`;
  const hitRows = `(SELECT ${DAY} AS day, l.object_id AS object_id, 1 AS tracked,
      ${b(`${linkRows("l.kind = 'click'")} > 0`)} AS clicked, ${b(`${linkRows("l.kind <> 'click'")} > 0`)} AS converted,
      ${b(`${linkRows("l.kind = 'addToCart'")} > 0`)} AS added, ${b(`${linkRows("l.kind = 'purchase'")} > 0`)} AS purchased,
      ${linkRows("l.kind = 'click'")} AS clicks, ${linkRows("l.kind <> 'click'")} AS conversions,
      ${linkRows("l.kind = 'addToCart'")} AS add_to_carts, ${linkRows("l.kind = 'purchase'")} AS purchases
    FROM searches s JOIN ${LINKED}
    WHERE ${segment.sql} AND l.object_id IS NOT NULL
    GROUP BY s.query_id, s.timestamp, l.object_id) v`;
  const revenueRows = `(SELECT ${DAY} AS day, s.query AS query, l.object_id AS object_id, l.currency AS currency,
      l.revenue AS revenue, 1 AS links
    FROM searches s JOIN ${LINKED}
    WHERE ${segment.sql} AND l.kind = 'purchase' AND l.revenue IS NOT NULL AND l.currency IS NOT NULL) v`;
  const raw = (from: string): Source => ({ from, where: '1 = 1', params: segment.params });
  return {
    days: raw(searchRows),
    queries: raw(searchRows),
    hits: raw(hitRows),
    dayRevenue: raw(revenueRows),
    queryRevenue: raw(revenueRows),
    hitRevenue: raw(revenueRows),
  };
}

/**
 * The analytics reads over a store's `run`: from the rollup tables (store/analytics-rollups.ts), or
 * from raw rows when the window is a segment (tags or one query).
 */
export function createAnalyticsReader(run: RunQuery, dialect: SqlDialect): AnalyticsReader {
  const sources = (w: AnalyticsWindow) => {
    if (w.tags !== undefined) return rawSources(w, dialect);
    return w.query === undefined ? rollupSources(w) : queryRollupSources(w);
  };
  // Rollup rows can sink back to zero when data is deleted; HAVING keeps them out, as if absent.
  const positionsBy = async (src: Source, key: string, filter = '', extra: unknown[] = []) => {
    const rows = await run(
      `SELECT ${key} AS k, ${BUCKET_SUMS} FROM ${src.from} WHERE ${src.where} ${filter} GROUP BY ${key}`,
      [...src.params, ...extra],
    );
    return rows.flatMap((r) =>
      BUCKETS.map((bucket) => ({ k: r.k, bucket, clicks: num(r[`b${bucket}`]) })).filter((p) => p.clicks > 0),
    );
  };
  const revenueBy = (src: Source, key: string, filter = '', extra: unknown[] = []) =>
    run(
      `SELECT ${key} AS k, currency, SUM(revenue) AS revenue FROM ${src.from}
       WHERE ${src.where} ${filter} GROUP BY ${key}, currency HAVING SUM(links) > 0`,
      [...src.params, ...extra],
    );

  return {
    async dailyStats(w) {
      const src = sources(w).days;
      const rows = await run(
        `SELECT day, ${TOTALS} FROM ${src.from} WHERE ${src.where}
         GROUP BY day HAVING SUM(tracked) > 0 ORDER BY day`,
        src.params,
      );
      return rows.map((r) => ({ day: num(r.day), ...toTotals(r) }));
    },
    async positions(w) {
      return toPositions(await positionsBy(sources(w).days, 'day'), true);
    },
    async revenue(w) {
      return toRevenue(await revenueBy(sources(w).dayRevenue, 'day'), true);
    },
    async topSearches(w, q) {
      const src = sources(w).queries;
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
           FROM ${src.from} WHERE ${src.where}
           GROUP BY query HAVING SUM(tracked) > 0
         ) q
         ORDER BY (${column} IS NULL), ${column} ${direction}, tracked DESC, query
         LIMIT ? OFFSET ?`,
        [...src.params, q.limit, q.offset],
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
        await positionsBy(sources(w).queries, 'query', `AND query IN (${placeholders(queries)})`, queries),
        false,
      );
    },
    async queryRevenue(w, queries) {
      if (queries.length === 0) return [];
      return toRevenue(
        await revenueBy(sources(w).queryRevenue, 'query', `AND query IN (${placeholders(queries)})`, queries),
        false,
      );
    },
    async topHits(w, page) {
      const src = sources(w).hits;
      const rows = await run(
        `SELECT object_id, SUM(tracked) AS tracked, SUM(clicked) AS clicked, SUM(converted) AS converted,
           SUM(added) AS added, SUM(purchased) AS purchased, SUM(clicks) AS clicks,
           SUM(conversions) AS conversions, SUM(add_to_carts) AS add_to_carts, SUM(purchases) AS purchases
         FROM ${src.from} WHERE ${src.where}
         GROUP BY object_id HAVING SUM(tracked) > 0
         ORDER BY tracked DESC, clicks DESC, object_id
         LIMIT ? OFFSET ?`,
        [...src.params, page.limit, page.offset],
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
        await revenueBy(
          sources(w).hitRevenue,
          'object_id',
          `AND object_id IN (${placeholders(objectIDs)})`,
          objectIDs,
        ),
        false,
      );
    },
    async noClickSearches(w, page) {
      const src = sources(w).queries;
      const rows = await run(
        `SELECT query, SUM(no_click) AS n, SUM(with_results) AS with_results, SUM(nb_hits_sum) AS nb_hits_sum
         FROM ${src.from} WHERE ${src.where}
         GROUP BY query HAVING SUM(no_click) > 0
         ORDER BY n DESC, query
         LIMIT ? OFFSET ?`,
        [...src.params, page.limit, page.offset],
      );
      // Searches without hits add 0 to nb_hits_sum, so this is the mean over searches with results.
      return rows.map((r) => ({
        query: String(r.query),
        count: num(r.n),
        nbHits: Math.round(num(r.nb_hits_sum) / num(r.with_results)),
      }));
    },
    async noResultSearches(w, page) {
      const src = sources(w).queries;
      const rows = await run(
        `SELECT query, SUM(tracked) - SUM(with_results) AS n
         FROM ${src.from} WHERE ${src.where}
         GROUP BY query HAVING SUM(tracked) - SUM(with_results) > 0
         ORDER BY n DESC, query
         LIMIT ? OFFSET ?`,
        [...src.params, page.limit, page.offset],
      );
      return rows.map((r) => ({ query: String(r.query), count: num(r.n) }));
    },
  };
}
