import type { StoredEntry } from '../../store/event-store.js';
import { LIST_EVENT_MAX_BYTES, sendJsonList, serializeWithinBudget } from '../bounded-list.js';
import { CollectorError } from '../error-registry.js';
import type { Route } from '../router.js';

/** Default and largest `limit` of the event log (the Algolia CLI asks for 1000). */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
/** Window when no startDate is given (UNCONFIRMED default: Algolia's is unknown). */
const DEFAULT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A full ISO-8601 date-time with its zone: `Date.parse` alone also takes "1" or "March 7". */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDate(name: string, value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  const ms = ISO_DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new CollectorError(
      'QUERY_PARAM_INVALID',
      `${name} must be an ISO-8601 date-time with a time zone, such as 2026-01-02T15:04:05.000Z (got ${JSON.stringify(value.slice(0, 100))}).`,
    );
  }
  return ms;
}

/** Parses a positive integer query parameter within bounds. */
export function parseLimit(value: string | null, fallback: number, max: number): number {
  if (value === null || value === '') return fallback;
  // Number() would also take "1e2", "0x10" and " 5 ".
  const n = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new CollectorError(
      'QUERY_PARAM_INVALID',
      `limit must be a whole number from 1 to ${max}, in plain digits (got ${JSON.stringify(value.slice(0, 100))}).`,
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
 * accepted and refused alike (the debugger data in the CLI's shape). Like the debugger feed, a
 * response stops at ~4 MB and lists payloads over 64 kB as stubs; the shape has no cursor, so a
 * caller continues with `endDate` = the oldest `receivedAt` it got.
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
      maxEventBytes: LIST_EVENT_MAX_BYTES,
    });
    sendJsonList(ctx.res, 'events', serializeWithinBudget(entries.map(toLogEvent)));
  },
};
