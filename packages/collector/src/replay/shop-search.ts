import { buildCatalog, createCatalogIndex } from '@sightline/demo-catalog';
import type { PopularQuery } from './queries.js';
import { DEEPEST_CLICK } from './random.js';

/** What the shop shows for a query: its hit count and the first hits, best first. */
export interface ShopResults {
  nbHits: number;
  /** The first `min(nbHits, 50)` hits: position k is `hits[k - 1]`. */
  hits: readonly { objectID: string; price: number }[];
}

/** Answers a query the way the demo shop's search does. */
export type ShopSearch = (query: string) => ShopResults;

/**
 * The demo shop's search over the catalog it derives from the same queries
 * (`@sightline/demo-catalog`, the rule the shop itself runs), so simulated shoppers report the
 * shop's hit counts and click, add and buy the products it lists, at their prices. Each distinct
 * query is searched once (about 0.4 ms each; the demo data has 2,120).
 */
export function createShopSearch(queries: readonly PopularQuery[]): ShopSearch {
  const catalog = createCatalogIndex(buildCatalog(queries));
  const seen = new Map<string, ShopResults>();
  return (query) => {
    let results = seen.get(query);
    if (!results) {
      const page = catalog.search({ query, page: 0, hitsPerPage: DEEPEST_CLICK });
      results = {
        nbHits: page.nbHits,
        hits: page.hits.map((hit) => ({ objectID: hit.objectID, price: hit.price })),
      };
      seen.set(query, results);
    }
    return results;
  };
}
