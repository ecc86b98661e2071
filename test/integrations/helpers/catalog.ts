import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One record of the fake index: a product named after a popular query of the demo's data. */
export interface Product {
  objectID: string;
  name: string;
  category: string;
  popularity: number;
}

interface QuerySuggestion {
  query: string;
  popularity: number;
  category: string;
}

const QUERIES = join(import.meta.dirname, '../../../examples/demo/data/queries.json');

/** The fake index, most popular first (the order of the data file). */
export const PRODUCTS: readonly Product[] = (
  JSON.parse(readFileSync(QUERIES, 'utf8')) as QuerySuggestion[]
).map((entry, i) => ({
  objectID: `p${i + 1}`,
  name: entry.query,
  category: entry.category,
  popularity: entry.popularity,
}));

/** The products a query finds, in ranking order: any word of the name starts with the query. */
export function matchingProducts(query: string): Product[] {
  const q = query.trim().toLowerCase();
  return PRODUCTS.filter(
    (product) => q === '' || product.name.split(/\s+/).some((word) => word.startsWith(q)),
  );
}

/** One search as the fake engine received it: what the page's search client really sent. */
export interface ReceivedSearch {
  indexName: string;
  query: string;
  clickAnalytics: boolean;
  userToken: string | undefined;
  /** Set only when `clickAnalytics` was on, as the Search API does. */
  queryID: string | undefined;
}

/**
 * Answers one search like the Search API: prefix-of-word matching on the name, a page of hits,
 * and a fresh 32-hex `queryID` only when the request asked for `clickAnalytics`.
 */
export function searchProducts(params: Record<string, unknown>, indexName: string) {
  const query = String(params.query ?? '')
    .trim()
    .toLowerCase();
  const hitsPerPage = Number(params.hitsPerPage ?? 20);
  const page = Number(params.page ?? 0);
  const matching = matchingProducts(query);
  const clickAnalytics = params.clickAnalytics === true || params.clickAnalytics === 'true';
  const queryID = clickAnalytics ? randomBytes(16).toString('hex') : undefined;
  const received: ReceivedSearch = {
    indexName,
    query,
    clickAnalytics,
    userToken: params.userToken === undefined ? undefined : String(params.userToken),
    queryID,
  };
  const result = {
    index: indexName,
    hits: matching.slice(page * hitsPerPage, (page + 1) * hitsPerPage),
    nbHits: matching.length,
    page,
    nbPages: Math.ceil(matching.length / hitsPerPage),
    hitsPerPage,
    exhaustiveNbHits: true,
    processingTimeMS: 1,
    query: String(params.query ?? ''),
    params: new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString(),
    ...(queryID ? { queryID } : {}),
  };
  return { result, received };
}

/**
 * The params of one request of a multi-query body. Search clients send them either as a
 * URL-encoded `params` string (v3/v4) or as fields of the request object (v5): accept both.
 */
export function requestParams(request: Record<string, unknown>): Record<string, unknown> {
  const { indexName: _index, params, ...fields } = request;
  const merged: Record<string, unknown> = { ...fields };
  if (typeof params === 'string') {
    for (const [key, value] of new URLSearchParams(params)) merged[key] = parseParam(value);
  } else if (params && typeof params === 'object') {
    Object.assign(merged, params);
  }
  return merged;
}

function parseParam(value: string): unknown {
  if (value === 'true' || value === 'false') return value === 'true';
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
