import { parseAnalyticsRequest } from '../../analytics/analytics-params.js';
import {
  averageClickPosition,
  clickThroughRate,
  conversionRates,
  noClickRate,
  positionBuckets,
  revenue,
  searchCount,
} from '../../analytics/metrics.js';
import { sendJson } from '../respond.js';
import type { RequestContext, Route } from '../router.js';

/**
 * An Analytics API v2 metric route (`GET /2/…`, ACL `analytics`): `index` required,
 * `startDate`/`endDate` optional; errors are `{"status":…,"message":…}` like every route's.
 */
function metricRoute(path: string, compute: (ctx: RequestContext) => Promise<unknown>): Route {
  return {
    method: 'GET',
    path,
    acl: 'analytics',
    async handle(ctx) {
      sendJson(ctx.res, 200, await compute(ctx));
    },
  };
}

function request(ctx: RequestContext) {
  return parseAnalyticsRequest(ctx.appId, ctx.query, ctx.receivedAt);
}

async function daily(ctx: RequestContext) {
  const r = request(ctx);
  return { r, rows: await ctx.services.store.analytics.dailyStats(r.window) };
}

/** Every `/2/…` metric route. */
export const ANALYTICS_METRIC_ROUTES: Route[] = [
  metricRoute('/2/clicks/clickThroughRate', async (ctx) => {
    const { r, rows } = await daily(ctx);
    return clickThroughRate(r, rows);
  }),
  metricRoute('/2/clicks/averageClickPosition', async (ctx) => {
    const { r, rows } = await daily(ctx);
    return averageClickPosition(r, rows);
  }),
  metricRoute('/2/clicks/positions', async (ctx) => {
    const r = request(ctx);
    return { positions: positionBuckets(await ctx.services.store.analytics.positions(r.window)) };
  }),
  metricRoute('/2/conversions/conversionRate', async (ctx) => {
    const { r, rows } = await daily(ctx);
    return conversionRates(r, rows).conversionRate;
  }),
  metricRoute('/2/conversions/addToCartRate', async (ctx) => {
    const { r, rows } = await daily(ctx);
    return conversionRates(r, rows).addToCartRate;
  }),
  metricRoute('/2/conversions/purchaseRate', async (ctx) => {
    const { r, rows } = await daily(ctx);
    return conversionRates(r, rows).purchaseRate;
  }),
  metricRoute('/2/conversions/revenue', async (ctx) => {
    const r = request(ctx);
    return revenue(r, await ctx.services.store.analytics.revenue(r.window));
  }),
  metricRoute('/2/searches/noClickRate', async (ctx) => {
    const { r, rows } = await daily(ctx);
    return noClickRate(r, rows);
  }),
  metricRoute('/2/searches/count', async (ctx) => {
    const { r, rows } = await daily(ctx);
    return searchCount(r, rows);
  }),
];
