import type { Credentials } from '../auth/credentials.js';
import type { DebuggerEntry, DebuggerPage, FeedFilters, TrackedSearch } from './types.js';

/** The collector refused the request; `status` 401/403 means the credentials are not good enough. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Read-only calls of the dashboard, authenticated with an `analytics` key. */
export interface ApiClient {
  listEvents(
    filters: FeedFilters,
    page: { after?: number; before?: number; limit: number },
  ): Promise<DebuggerPage>;
  getEvent(id: number): Promise<DebuggerEntry>;
  /** The tracked search of a queryID, or null when no search has it. */
  getSearch(queryID: string): Promise<TrackedSearch | null>;
  /** An Analytics API v2 route, e.g. `analytics('/2/clicks/clickThroughRate', { index })`. */
  analytics<T>(path: string, params: Record<string, string>): Promise<T>;
}

/**
 * Calls the collector that serves the dashboard (same origin). Credentials go in the
 * `x-algolia-*` headers, so they stay out of URLs, logs and history.
 */
export function createApiClient(credentials: Credentials, fetchFn: typeof fetch = fetch): ApiClient {
  async function get<T>(path: string): Promise<T> {
    const response = await fetchFn(path, {
      headers: {
        'x-algolia-application-id': credentials.appId,
        'x-algolia-api-key': credentials.apiKey,
      },
    });
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    if (!response.ok) throw new ApiError(response.status, body?.message ?? `HTTP ${response.status}`);
    return body as T;
  }
  return {
    listEvents(filters, page) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
      if (page.after !== undefined) params.set('after', String(page.after));
      if (page.before !== undefined) params.set('before', String(page.before));
      params.set('limit', String(page.limit));
      return get(`/api/events?${params}`);
    },
    getEvent: (id) => get(`/api/events/${id}`),
    async getSearch(queryID) {
      try {
        return await get<TrackedSearch>(`/api/searches/${encodeURIComponent(queryID)}`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    analytics: (path, params) => get(`${path}?${new URLSearchParams(params)}`),
  };
}
