/** The shapes of the demo catalog (type-only; no runtime code). */

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
