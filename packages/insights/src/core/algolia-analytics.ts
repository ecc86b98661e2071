import { type ClientOptions, createClient } from './create-client.js';
import type { InsightsMethods } from './types.js';
import { API_VERSION } from './version.js';

/**
 * Options of `new AlgoliaAnalytics(…)`: search-insights' `{ requestFn }`, plus Sightline's seams.
 * Omitted stores get the platform's defaults (cookie + localStorage in browsers, memory in Node).
 */
export type AlgoliaAnalyticsOptions = Omit<ClientOptions, 'flavor'>;

/** The client as an object with one method per command (the class behind `aa`). */
export interface AlgoliaAnalytics extends InsightsMethods {}

/**
 * The class behind `aa`, kept for code that does `new AlgoliaAnalytics({ requestFn })`. State is
 * private to the closure made by {@link createClient}; the instance only carries bound methods.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface lists the methods Object.assign adds.
export class AlgoliaAnalytics {
  /** The search-insights API level implemented. */
  version: string = API_VERSION;
  constructor(options: ClientOptions) {
    Object.assign(this, createClient(options));
  }
}
