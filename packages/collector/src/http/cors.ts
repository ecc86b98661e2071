import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for browsers posting from any shop origin. Credentials travel in the query string or in
 * x-algolia-* headers, never in cookies, so `*` is safe. Algolia's exact values are UNCONFIRMED;
 * these cover what search-insights' XHR/fetch fallbacks and algoliasearch send.
 */
const ALLOWED_HEADERS = [
  'content-type',
  'content-encoding',
  'x-algolia-application-id',
  'x-algolia-api-key',
  'x-algolia-agent',
  'x-algolia-request-id',
  'request-id',
];

/** Requested headers that are echoed back when asked for: the x-algolia-* family, nothing else. */
const ALGOLIA_HEADER = /^x-algolia-[a-z0-9-]{1,64}$/;

/** Sets the headers every response carries. */
export function applyCors(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader(
    'Access-Control-Expose-Headers',
    'retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, x-sightline-error',
  );
}

/**
 * Answers a preflight: 204 with the allowed methods and headers: the fixed list, plus requested
 * x-algolia-* names (well-formed ones, at most 20), never arbitrary requested headers.
 */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => ALGOLIA_HEADER.test(h) && !ALLOWED_HEADERS.includes(h))
    .slice(0, 20);
  res.setHeader('Access-Control-Allow-Methods', 'POST, GET, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', [...ALLOWED_HEADERS, ...requested].join(', '));
  res.setHeader('Access-Control-Max-Age', '86400');
  res.statusCode = 204;
  res.end();
}
