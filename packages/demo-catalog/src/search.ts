import { tokenize } from './tokenize.js';
import type { Hit, Product } from './types.js';
import { SYNONYMS } from './vocabulary.js';

/** A query over the catalog; `page` is 0-based like Algolia's. */
export interface SearchParams {
  query: string;
  page: number;
  hitsPerPage: number;
}

/** One page of results, without the per-response fields (queryID, index) the server adds. */
export interface SearchPage {
  hits: Hit[];
  nbHits: number;
  nbPages: number;
  page: number;
  hitsPerPage: number;
}

interface IndexedProduct {
  product: Product;
  /** Position in the catalog: the final tie-break. */
  order: number;
  nameTokens: string[];
  brandTokens: string[];
  categoryTokens: string[];
  /** The normalized name, for the exact-phrase boost. */
  phrase: string;
}

/** A searchable catalog: tokenized once, searched many times. */
export interface CatalogIndex {
  readonly products: readonly Product[];
  search(params: SearchParams): SearchPage;
  get(objectID: string): Product | undefined;
}

/**
 * Indexes products for a small Algolia-like search: every query word must match a word of the
 * product (the last one as a prefix, for search-as-you-type); name matches outrank brand and
 * category matches, then the catalog order decides (buildCatalog puts popular queries' products
 * first), which also keeps results stable.
 */
export function createCatalogIndex(products: readonly Product[]): CatalogIndex {
  const indexed: IndexedProduct[] = products.map((product, order) => ({
    product,
    order,
    nameTokens: tokenize(product.name),
    brandTokens: tokenize(product.brand),
    categoryTokens: product.categories.flatMap(tokenize),
    phrase: tokenize(product.name).join(' '),
  }));
  const byId = new Map(products.map((p) => [p.objectID, p]));

  return {
    products,
    get: (objectID) => byId.get(objectID),
    search({ query, page, hitsPerPage }) {
      const terms = tokenize(query);
      const scored: { entry: IndexedProduct; score: number }[] = [];
      for (const entry of indexed) {
        const score = scoreOf(entry, terms);
        if (score !== undefined) scored.push({ entry, score });
      }
      scored.sort((a, b) => b.score - a.score || a.entry.order - b.entry.order);
      const nbHits = scored.length;
      const start = page * hitsPerPage;
      const hits = scored.slice(start, start + hitsPerPage).map(({ entry }, rank) => ({
        ...entry.product,
        // Absolute positions: the Insights API wants the rank in the whole list, not the page.
        position: start + rank + 1,
      }));
      return { hits, nbHits, nbPages: Math.ceil(nbHits / hitsPerPage), page, hitsPerPage };
    },
  };
}

/** Score of one product for the query terms, or undefined when a term matches nothing. */
function scoreOf(entry: IndexedProduct, terms: readonly string[]): number | undefined {
  let score = 0;
  for (const [i, term] of terms.entries()) {
    const isLast = i === terms.length - 1;
    const alternatives = [term, ...(SYNONYMS[term] ?? [])];
    const matches = (tokens: readonly string[]) =>
      tokens.some((t) => alternatives.includes(t) || (isLast && t.startsWith(term)));
    if (matches(entry.nameTokens)) score += 10;
    else if (matches(entry.brandTokens)) score += 5;
    else if (matches(entry.categoryTokens)) score += 2;
    else return undefined;
  }
  if (terms.length > 0 && entry.phrase.includes(terms.join(' '))) score += 5;
  return score;
}
