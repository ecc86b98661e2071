import { CollectorError } from '../http/error-registry.js';
import type { AnalyticsWindow, TopQuery, TopSearchOrder } from '../store/analytics-queries.js';
import { parseTagExpression } from './tag-expression.js';

const DAY_MS = 86_400_000;

/** The Analytics API's defaults and bounds, stated once. */
export const ANALYTICS_DEFAULTS = {
  /** Days in the default window, today (UTC) included. */
  windowDays: 8,
  /** Longest accepted window, in days (keeps `dates[]` and the scan bounded). */
  maxWindowDays: 366,
  /** Rows of a top list. */
  limit: 10,
  maxLimit: 1000,
} as const;

/** A validated request window: the days it covers and the matching store window. */
export interface AnalyticsRequest {
  window: AnalyticsWindow;
  /** `YYYY-MM-DD` of every day of the window, oldest first. */
  dates: string[];
  /** The first day, as days since the epoch. */
  firstDay: number;
}

function bad(detail: string): CollectorError {
  return new CollectorError('QUERY_PARAM_INVALID', detail);
}

/** `YYYY-MM-DD` of a day number (days since the epoch, UTC). */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function parseDay(name: string, value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(ms) || formatDay(ms / DAY_MS) !== value) {
    throw bad(`${name} must be a date YYYY-MM-DD (got ${JSON.stringify(value)}).`);
  }
  return ms / DAY_MS;
}

function given(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : value;
}

/**
 * Reads `index` (required), `startDate`/`endDate` (YYYY-MM-DD, UTC days, both included; default the
 * last 8 days including today) and `tags` (an analytics-tags segment, see tag-expression.ts).
 */
export function parseAnalyticsRequest(appId: string, query: URLSearchParams, now: number): AnalyticsRequest {
  const index = given(query, 'index');
  if (index === undefined) throw bad('index is required, e.g. ?index=products.');
  const tagsText = given(query, 'tags');
  const tags = tagsText === undefined ? undefined : parseTagExpression(tagsText);
  const startText = given(query, 'startDate');
  const endText = given(query, 'endDate');
  const today = Math.floor(now / DAY_MS);
  const lastDay = endText === undefined ? today : parseDay('endDate', endText);
  const firstDay =
    startText === undefined
      ? lastDay - (ANALYTICS_DEFAULTS.windowDays - 1)
      : parseDay('startDate', startText);
  if (firstDay > lastDay) {
    throw bad(`startDate (${formatDay(firstDay)}) is after endDate (${formatDay(lastDay)}).`);
  }
  const days = lastDay - firstDay + 1;
  if (days > ANALYTICS_DEFAULTS.maxWindowDays) {
    throw bad(`The window covers ${days} days; at most ${ANALYTICS_DEFAULTS.maxWindowDays} are allowed.`);
  }
  return {
    window: {
      appId,
      index,
      from: firstDay * DAY_MS,
      to: (lastDay + 1) * DAY_MS,
      ...(tags === undefined ? {} : { tags }),
    },
    dates: Array.from({ length: days }, (_, i) => formatDay(firstDay + i)),
    firstDay,
  };
}

/** A `true`/`false` query parameter (absent: false). */
export function parseFlag(query: URLSearchParams, name: string): boolean {
  const value = given(query, name);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw bad(`${name} must be true or false (got ${JSON.stringify(value)}).`);
}

function integer(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const value = given(query, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw bad(`${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)}).`);
  }
  return n;
}

const ORDERS: readonly TopSearchOrder[] = [
  'searchCount',
  'clickThroughRate',
  'conversionRate',
  'averageClickPosition',
];

/** `limit`, `offset`, `orderBy`, `direction` of a top list; rate orders need click analytics. */
export function parseTopQuery(query: URLSearchParams, clickAnalytics: boolean): TopQuery {
  const orderBy = (given(query, 'orderBy') ?? 'searchCount') as TopSearchOrder;
  if (!ORDERS.includes(orderBy)) {
    throw bad(`orderBy must be one of ${ORDERS.join(', ')} (got ${JSON.stringify(orderBy)}).`);
  }
  if (orderBy !== 'searchCount' && !clickAnalytics) {
    throw bad(`orderBy=${orderBy} needs clickAnalytics=true: add &clickAnalytics=true to the request.`);
  }
  const direction = given(query, 'direction') ?? 'desc';
  if (direction !== 'asc' && direction !== 'desc') {
    throw bad(`direction must be asc or desc (got ${JSON.stringify(direction)}).`);
  }
  return { orderBy, direction, ...parsePage(query) };
}

/** `limit` (1–1000, default 10) and `offset` (default 0) of a top list. */
export function parsePage(query: URLSearchParams): { limit: number; offset: number } {
  return {
    limit: integer(query, 'limit', ANALYTICS_DEFAULTS.limit, 1, ANALYTICS_DEFAULTS.maxLimit),
    offset: integer(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

/** `search` of `GET /2/hits`: the exact query string whose hits to list (absent or empty: every query). */
export function parseSearchFilter(query: URLSearchParams): string | undefined {
  return given(query, 'search');
}
