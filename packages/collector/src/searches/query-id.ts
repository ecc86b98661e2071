import { randomBytes } from 'node:crypto';

/**
 * A new queryID for a search engine that has none: 32 lowercase hex characters (128 random bits),
 * the format the Insights API requires. Return it with the search results, report the search with
 * `POST /1/searches`, and send it with the clicks and conversions that follow.
 *
 * Importable alone as `@sightline/collector/query-id` (no server code, no native modules).
 */
export function newQueryID(): string {
  return randomBytes(16).toString('hex');
}
