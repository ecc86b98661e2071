import {
  parseAnalyticsRequest,
  parseFlag,
  parsePage,
  parseSearchFilter,
  parseTopQuery,
} from '../../analytics/analytics-params.js';
import { noClickSearch, noResultSearch, topHit, topSearch } from '../../analytics/metrics.js';
import type { AnalyticsWindow } from '../../store/analytics-queries.js';
import { sendJson } from '../respond.js';
import type { RequestContext, Route } from '../router.js';

function options(ctx: RequestContext) {
  return {
    clickAnalytics: parseFlag(ctx.query, 'clickAnalytics'),
    revenueAnalytics: parseFlag(ctx.query, 'revenueAnalytics'),
  };
}

/**
 * `GET /2/searches`: the most frequent queries among tracked searches, with click analytics
 * (`clickAnalytics=true`) and revenue analytics (`revenueAnalytics=true`, which includes the click
 * fields), `limit`/`offset`/`orderBy`/`direction`.
 */
export const topSearches: Route = {
  method: 'GET',
  path: '/2/searches',
  acl: 'analytics',
  async handle(ctx) {
    const r = parseAnalyticsRequest(ctx.appId, ctx.query, ctx.receivedAt);
    const wanted = options(ctx);
    const top = parseTopQuery(ctx.query, wanted.clickAnalytics || wanted.revenueAnalytics);
    const { analytics } = ctx.services.store;
    const stats = await analytics.topSearches(r.window, top);
    const queries = stats.map((s) => s.query);
    const analyticsWanted = wanted.clickAnalytics || wanted.revenueAnalytics;
    const [positions, revenue] = await Promise.all([
      analyticsWanted ? analytics.queryPositions(r.window, queries) : [],
      wanted.revenueAnalytics ? analytics.queryRevenue(r.window, queries) : [],
    ]);
    sendJson(ctx.res, 200, { searches: stats.map((s) => topSearch(s, wanted, positions, revenue)) });
  },
};

/**
 * `GET /2/hits`: the objects most often clicked or converted from tracked searches (the search
 * backend does not report which hits it showed; see docs/analytics.md), with the same flags;
 * `search=` keeps the searches of that exact query string only.
 */
export const topHits: Route = {
  method: 'GET',
  path: '/2/hits',
  acl: 'analytics',
  async handle(ctx) {
    const r = parseAnalyticsRequest(ctx.appId, ctx.query, ctx.receivedAt);
    const search = parseSearchFilter(ctx.query);
    const window = search === undefined ? r.window : { ...r.window, query: search };
    const wanted = options(ctx);
    const { limit, offset } = parseTopQuery(ctx.query, true);
    const { analytics } = ctx.services.store;
    const stats = await analytics.topHits(window, { limit, offset });
    const revenue = wanted.revenueAnalytics
      ? await analytics.hitRevenue(
          window,
          stats.map((s) => s.objectID),
        )
      : [];
    sendJson(ctx.res, 200, { hits: stats.map((s) => topHit(s, wanted, revenue)) });
  },
};

/**
 * A paged list of queries (`{ searches: [...] }`, `limit`/`offset`; `orderBy`/`direction` do not
 * apply) read by one analytics reader method and shaped by one metric.
 */
function searchList<Row, Out>(
  path: string,
  read: (
    ctx: RequestContext,
    window: AnalyticsWindow,
    page: { limit: number; offset: number },
  ) => Promise<Row[]>,
  shape: (row: Row) => Out,
): Route {
  return {
    method: 'GET',
    path,
    acl: 'analytics',
    async handle(ctx) {
      const r = parseAnalyticsRequest(ctx.appId, ctx.query, ctx.receivedAt);
      const rows = await read(ctx, r.window, parsePage(ctx.query));
      sendJson(ctx.res, 200, { searches: rows.map(shape) });
    },
  };
}

/** `GET /2/searches/noClicks`: the queries whose tracked searches had results but no click, most such searches first. */
export const noClickSearches = searchList(
  '/2/searches/noClicks',
  (ctx, window, page) => ctx.services.store.analytics.noClickSearches(window, page),
  noClickSearch,
);

/** `GET /2/searches/noResults`: the queries whose tracked searches had no results, most first. */
export const noResultSearches = searchList(
  '/2/searches/noResults',
  (ctx, window, page) => ctx.services.store.analytics.noResultSearches(window, page),
  noResultSearch,
);
