import { jsonTypeOf, QUERY_ID_PATTERN } from '@sightline/events';
import { userTokenProblem } from '../http/routes/delete-user-token.js';
import type { TrackedSearch } from '../store/event-store.js';

/** Searches per `POST /1/searches` request, like events per batch. */
export const MAX_SEARCHES_PER_REQUEST = 1000;
/** Characters (code points) in a stored query (Algolia caps queries at 512). */
export const MAX_QUERY_LENGTH = 512;
/** Analytics tags per search, and characters (code points) per tag. */
export const ANALYTICS_TAG_LIMITS = { maxTags: 20, maxLength: 100 } as const;

/** Control characters (C0, DEL, C1): invisible in the dashboard and in a `tags=` expression. */
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * The problem with an `analyticsTags` value, or null. Duplicates are allowed (stored once); an
 * empty array is the same as no tags.
 */
function analyticsTagsProblem(value: unknown): { at: string; problem: string } | null {
  const { maxTags, maxLength } = ANALYTICS_TAG_LIMITS;
  if (!Array.isArray(value)) {
    return { at: '', problem: `analyticsTags must be an array of strings, got ${jsonTypeOf(value)}.` };
  }
  if (value.length > maxTags) {
    return { at: '', problem: `analyticsTags has ${value.length} tags; at most ${maxTags} are allowed.` };
  }
  for (let i = 0; i < value.length; i++) {
    const tag = value[i];
    const rule = `each analytics tag must be a string of 1–${maxLength} characters without control characters`;
    if (typeof tag !== 'string') return { at: `[${i}]`, problem: `${rule}, got ${jsonTypeOf(tag)}.` };
    // Code points as for queries; UTF-16 units bound them from above, so short tags skip the spread.
    const length = tag.length <= maxLength ? tag.length : [...tag].length;
    if (length === 0 || length > maxLength) {
      return { at: `[${i}]`, problem: `${rule}, got ${length} characters.` };
    }
    if (CONTROL_CHARACTER.test(tag)) {
      return { at: `[${i}]`, problem: `${rule}, got ${JSON.stringify(tag)}.` };
    }
  }
  return null;
}

/** The outcome of {@link validateSearches}: the searches, or the first problem with its field. */
export type SearchesValidation =
  | { ok: true; searches: TrackedSearch[] }
  | { ok: false; field: string; problem: string };

/** A timestamp for a message: ISO when it is a representable date, else the raw number. */
function describeTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : `${ms} (${date.toISOString()})`;
}

/** The timestamp window of searches: the one events get (`--timestamp-window-days`, `--future-skew-seconds`). */
export interface SearchTimeWindow {
  maxTimestampAgeMs: number;
  maxFutureSkewMs: number;
}

/**
 * Validates a tracked-searches body
 * `{"searches":[{queryID,index,query,nbHits,userToken?,timestamp?,analyticsTags?}]}`,
 * all or nothing like events. The queryID rule is the one events use, so clicks can join searches,
 * and a given timestamp must fall in the window events are held to.
 */
export function validateSearches(
  body: unknown,
  receivedAt: number,
  window?: SearchTimeWindow,
): SearchesValidation {
  const fail = (field: string, problem: string): SearchesValidation => ({ ok: false, field, problem });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('body', `The body must be an object {"searches":[…]}, got ${jsonTypeOf(body)}.`);
  }
  const list = (body as { searches?: unknown }).searches;
  if (!Array.isArray(list)) return fail('searches', `searches must be an array, got ${jsonTypeOf(list)}.`);
  if (list.length === 0) return fail('searches', 'searches needs at least one search.');
  if (list.length > MAX_SEARCHES_PER_REQUEST) {
    return fail('searches', `At most ${MAX_SEARCHES_PER_REQUEST} searches per request, got ${list.length}.`);
  }
  const searches: TrackedSearch[] = [];
  for (let i = 0; i < list.length; i++) {
    const at = `searches[${i}]`;
    const s = list[i] as Record<string, unknown>;
    if (typeof s !== 'object' || s === null || Array.isArray(s))
      return fail(at, `Each search must be an object, got ${jsonTypeOf(s)}.`);
    if (typeof s.queryID !== 'string' || !QUERY_ID_PATTERN.test(s.queryID)) {
      return fail(
        `${at}.queryID`,
        `queryID must be 32 lowercase hex characters, got ${JSON.stringify(s.queryID) ?? 'nothing'}.`,
      );
    }
    if (typeof s.index !== 'string' || s.index === '') {
      return fail(`${at}.index`, `index must be a non-empty string, got ${jsonTypeOf(s.index)}.`);
    }
    if (typeof s.query !== 'string') {
      return fail(
        `${at}.query`,
        `query must be a string of at most ${MAX_QUERY_LENGTH} characters (empty allowed), got ${jsonTypeOf(s.query)}.`,
      );
    }
    // Code points, not UTF-16 units: an emoji is one character of the query, as Algolia counts it.
    const queryLength = s.query.length <= MAX_QUERY_LENGTH ? s.query.length : [...s.query].length;
    if (queryLength > MAX_QUERY_LENGTH) {
      return fail(`${at}.query`, `query must be at most ${MAX_QUERY_LENGTH} characters, got ${queryLength}.`);
    }
    if (typeof s.nbHits !== 'number' || !Number.isSafeInteger(s.nbHits) || s.nbHits < 0) {
      return fail(
        `${at}.nbHits`,
        `nbHits must be an integer ≥ 0, got ${JSON.stringify(s.nbHits) ?? 'nothing'}.`,
      );
    }
    let userToken: string | null = null;
    if (s.userToken !== undefined && s.userToken !== null) {
      const token =
        typeof s.userToken === 'number' && Number.isSafeInteger(s.userToken)
          ? String(s.userToken)
          : s.userToken;
      if (typeof token !== 'string')
        return fail(`${at}.userToken`, `userToken must be a string, got ${jsonTypeOf(token)}.`);
      const problem = userTokenProblem(token);
      if (problem) return fail(`${at}.userToken`, problem);
      userToken = token;
    }
    let timestamp = receivedAt;
    if (s.timestamp !== undefined) {
      if (typeof s.timestamp !== 'number' || !Number.isSafeInteger(s.timestamp) || s.timestamp < 0) {
        return fail(
          `${at}.timestamp`,
          `timestamp must be milliseconds since the epoch, got ${JSON.stringify(s.timestamp)}.`,
        );
      }
      if (window && s.timestamp < receivedAt - window.maxTimestampAgeMs) {
        return fail(
          `${at}.timestamp`,
          `timestamp ${describeTime(s.timestamp)} is more than ${Math.round(window.maxTimestampAgeMs / 86_400_000)} days in the past.`,
        );
      }
      if (window && s.timestamp > receivedAt + window.maxFutureSkewMs) {
        return fail(
          `${at}.timestamp`,
          `timestamp ${describeTime(s.timestamp)} is ahead of the server clock by more than ${Math.round(window.maxFutureSkewMs / 1000)} s.`,
        );
      }
      timestamp = s.timestamp;
    }
    let analyticsTags: string[] = [];
    if (s.analyticsTags !== undefined && s.analyticsTags !== null) {
      const problem = analyticsTagsProblem(s.analyticsTags);
      if (problem) return fail(`${at}.analyticsTags${problem.at}`, problem.problem);
      analyticsTags = [...new Set(s.analyticsTags as string[])];
    }
    searches.push({
      queryID: s.queryID,
      index: s.index,
      query: s.query,
      nbHits: s.nbHits,
      userToken,
      timestamp,
      ...(analyticsTags.length > 0 ? { analyticsTags } : {}),
    });
  }
  return { ok: true, searches };
}
