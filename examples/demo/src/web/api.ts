import type { Product, SearchResponse, SuggestResponse } from '../shared/types.js';

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** One page of results; the user token lets the backend attribute the search (like Algolia's `clickAnalytics`). */
export function searchProducts(
  query: string,
  page: number,
  userToken: string | undefined,
): Promise<SearchResponse> {
  const params = new URLSearchParams({ q: query, page: String(page), hitsPerPage: '12' });
  if (userToken) params.set('userToken', userToken);
  return getJson(`/api/search?${params}`);
}

export function fetchSuggestions(typed: string): Promise<SuggestResponse> {
  return getJson(`/api/suggest?${new URLSearchParams({ q: typed })}`);
}

export async function fetchProduct(objectID: string): Promise<Product | undefined> {
  const response = await fetch(`/api/products/${encodeURIComponent(objectID)}`);
  return response.ok ? ((await response.json()) as Product) : undefined;
}
