/**
 * The Analytics API v2 answers the page reads (the collector's `/2/…` routes, docs/analytics.md).
 * Declared here so the page bundle never imports server code.
 */
export interface RateResponse {
  rate: number | null;
  trackedSearchCount: number;
  clickCount?: number;
  conversionCount?: number;
  addToCartCount?: number;
  purchaseCount?: number;
  dates: ({ date: string; rate: number | null; trackedSearchCount: number } & Record<string, unknown>)[];
}

export interface AverageResponse {
  average: number | null;
  clickCount: number;
  dates: { date: string; average: number | null; clickCount: number }[];
}

export interface NoClickResponse {
  rate: number | null;
  count: number;
  noClickCount: number;
}

export interface PositionsResponse {
  positions: { position: [number, number]; clickCount: number }[];
}

export type Currencies = Record<string, { currency: string; revenue: number }>;

export interface RevenueResponse {
  currencies: Currencies;
  dates: { date: string; currencies: Currencies }[];
}

export interface TopSearch {
  search: string;
  count: number;
  nbHits: number;
  clickThroughRate: number | null;
  averageClickPosition: number | null;
  conversionRate: number | null;
  clickCount: number;
  conversionCount: number;
  purchaseRate: number | null;
  currencies: Currencies;
}

/** One row of `GET /2/searches/noClicks`: tracked searches with results and no click. */
export interface NoClickSearch {
  search: string;
  count: number;
  nbHits: number;
}
