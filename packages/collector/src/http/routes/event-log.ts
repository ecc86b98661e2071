import type { StoredEntry } from '../../store/event-store.js';
import { CollectorError } from '../error-registry.js';
import { sendJson } from '../respond.js';
import type { Route } from '../router.js';

/** Default and largest `limit` of the event log (the Algolia CLI asks for 1000). */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
/** Window when no startDate is given (UNCONFIRMED default: Algolia's is unknown). */
const DEFAULT_WINDOW_MS = 24 * 60 * 60 * 1000;

function parseDate(name: string, value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new CollectorError(
      'QUERY_PARAM_INVALID',
      `${name} must be an ISO-8601 date such as 2026-01-02T15:04:05.000Z (got ${JSON.stringify(value)}).`,
    );
  }
  return ms;
}

/** Parses a positive integer query parameter within bounds. */
export function parseLimit(value: string | null, fallback: number, max: number): number {
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new CollectorError(
      'QUERY_PARAM_INVALID',
      `limit must be an integer from 1 to ${max} (got ${JSON.stringify(value)}).`,
    );
  }
  return n;
}

/** One entry in the shape the Algolia CLI's `events tail` reads (spec §5.3). */
function toLogEvent(entry: StoredEntry) {
  const headers: Record<string, string[]> = {};
  if (entry.headers.referer !== null) headers.Referer = [entry.headers.referer];
  if (entry.headers.userAgent !== null) headers['User-Agent'] = [entry.headers.userAgent];
  if (entry.headers.agent !== null) headers['X-Algolia-Agent'] = [entry.headers.agent];
  return {
    event: entry.event,
    requestID: entry.requestId,
    status: entry.status,
    errors: entry.errors.map((issue) => `${issue.message} Fix: ${issue.fix}`),
    headers,
    receivedAt: entry.receivedAt,
  };
}

/**
 * `GET /1/events?startDate=&endDate=&limit=`: Algolia's undocumented event log, newest first,
 * accepted and refused alike (the debugger data in the CLI's shape).
 */
export const getEventLog: Route = {
  method: 'GET',
  path: '/1/events',
  acl: 'analytics',
  async handle(ctx) {
    const end = parseDate('endDate', ctx.query.get('endDate'), ctx.receivedAt);
    const start = parseDate('startDate', ctx.query.get('startDate'), end - DEFAULT_WINDOW_MS);
    const limit = parseLimit(ctx.query.get('limit'), DEFAULT_LIMIT, MAX_LIMIT);
    const entries = await ctx.services.store.listEntries(ctx.appId, {
      receivedFrom: start,
      receivedTo: end,
      limit,
    });
    sendJson(ctx.res, 200, { events: entries.map(toLogEvent) });
  },
};
