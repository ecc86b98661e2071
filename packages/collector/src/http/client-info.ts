import type { IncomingMessage } from 'node:http';
import type { DeviceClass, RecordedHeaders } from '../store/event-store.js';
import { headerValue, queryValue } from './credentials.js';

const MOBILE = /Mobi|Android|iPhone|iPad|iPod|Windows Phone|BlackBerry|Opera Mini/i;
const BROWSER_OR_DESKTOP_OS = /Mozilla\/|Windows NT|Macintosh|X11|CrOS|Linux x86/i;

/**
 * The device class the Events Debugger shows: `mobile` for phone and tablet browsers, `desktop` for
 * other browsers, `unknown` when there is no User-Agent or it is not a browser (a server-side client
 * such as `node` or `curl`). Our own heuristic: Algolia's rule is not published.
 */
export function deviceClass(userAgent: string | null): DeviceClass {
  if (!userAgent) return 'unknown';
  if (MOBILE.test(userAgent)) return 'mobile';
  if (BROWSER_OR_DESKTOP_OS.test(userAgent)) return 'desktop';
  return 'unknown';
}

/**
 * Characters kept of each recorded header. They are copied onto every entry of a request, so a 15 kB
 * User-Agent on a 1000-event batch would store 15 MB; real ones are well under 512.
 */
export const MAX_RECORDED_HEADER_LENGTH = 512;

/** A header value cut to {@link MAX_RECORDED_HEADER_LENGTH} characters, ending with "…" when cut. */
export function capHeader(value: string | undefined): string | null {
  if (value === undefined) return null;
  return value.length <= MAX_RECORDED_HEADER_LENGTH
    ? value
    : `${value.slice(0, MAX_RECORDED_HEADER_LENGTH - 1)}…`;
}

/** The headers recorded with each entry; the agent may come from the query string (search-insights). */
export function recordHeaders(req: IncomingMessage, query: URLSearchParams): RecordedHeaders {
  return {
    referer: capHeader(headerValue(req, 'referer')),
    userAgent: capHeader(headerValue(req, 'user-agent')),
    agent: capHeader(headerValue(req, 'x-algolia-agent') ?? queryValue(query, 'x-algolia-agent')),
  };
}
