/** Shapes shared by the demo's search backend and its web pages (type-only; no runtime code). */

/** One product of the demo catalog. */
export interface Product {
  /** Stable, readable ID (a slug of the name), used as the Insights `objectID`. */
  objectID: string;
  name: string;
  brand: string;
  /** Hierarchical category, e.g. `['Audio', 'Headphones', 'Earbud Headphones']`. */
  categories: string[];
  /** Unit price in `currency`, two decimals. */
  price: number;
  description: string;
  /** How often the query this product was derived from was searched; used as a ranking tie-break. */
  popularity: number;
}

/** A search hit: the product plus its absolute, 1-based position in the whole result list. */
export interface Hit extends Product {
  /** `page × hitsPerPage + rank on the page + 1`, what Insights click events expect. */
  position: number;
}

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
