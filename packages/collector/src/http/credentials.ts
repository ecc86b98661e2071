import type { IncomingMessage } from 'node:http';

/** The application ID and API key a request claims, from headers or the query string. */
export interface Credentials {
  appId: string | undefined;
  apiKey: string | undefined;
}

/**
 * Reads credentials from the `x-algolia-application-id` / `x-algolia-api-key` headers, else from
 * query parameters of those names in any case: search-insights sends `X-Algolia-Application-Id` and
 * `X-Algolia-API-Key`, the algoliasearch browser build the lower-case names (spec §1.3).
 */
export function readCredentials(req: IncomingMessage, query: URLSearchParams): Credentials {
  let appId = headerValue(req, 'x-algolia-application-id');
  let apiKey = headerValue(req, 'x-algolia-api-key');
  if (appId === undefined || apiKey === undefined) {
    for (const [name, value] of query) {
      const lower = name.toLowerCase();
      if (appId === undefined && lower === 'x-algolia-application-id') appId = value;
      else if (apiKey === undefined && lower === 'x-algolia-api-key') apiKey = value;
    }
  }
  return { appId: appId || undefined, apiKey: apiKey || undefined };
}

/** A header as one string (the first value when repeated). */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A query parameter matched case-insensitively. */
export function queryValue(query: URLSearchParams, name: string): string | undefined {
  const direct = query.get(name);
  if (direct !== null) return direct;
  const lower = name.toLowerCase();
  for (const [key, value] of query) if (key.toLowerCase() === lower) return value;
  return undefined;
}
