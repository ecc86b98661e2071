/** Shapes shared by the demo's search backend and its web pages (type-only; no runtime code). */

import type { Hit } from '@sightline/demo-catalog';

// The catalog's own shapes live with the catalog, which `sightline replay` shares (packages/demo-catalog).
export type { Hit, Product } from '@sightline/demo-catalog';

/** `GET /api/search` response, shaped after an Algolia search response with `clickAnalytics`. */
export interface SearchResponse {
  hits: Hit[];
  query: string;
  nbHits: number;
  page: number;
  nbPages: number;
  hitsPerPage: number;
  /** 32 lowercase hex characters, fresh for every response. */
  queryID: string;
  /** The index name events must carry. */
  index: string;
}

/** `GET /api/suggest` response: popular queries starting with (or containing) the typed text. */
export interface SuggestResponse {
  suggestions: { query: string; popularity: number }[];
}

/** What the server injects into the page as `window.SIGHTLINE_DEMO`. */
export interface DemoPageConfig {
  appId: string;
  /** The search-only key the page gives to `aa('init')`. */
  apiKey: string;
  /** The collector's origin, given to `aa('init', { host })`. */
  host: string;
  index: string;
  currency: string;
}
