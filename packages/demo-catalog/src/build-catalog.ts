import { byCodeUnits, hash32, pick } from './deterministic.js';
import { tokenize } from './tokenize.js';
import type { Product } from './types.js';
import {
  ACCESSORY_BAND,
  BRANDS,
  BRANDS_BY_DEPARTMENT,
  DEFAULT_BAND,
  DEFAULT_BRANDS,
  NOISE_WORDS,
  PRICE_BANDS,
  PRODUCT_LINES,
  SPELLINGS,
  STOP_WORDS,
  VARIANTS,
} from './vocabulary.js';

/** One line of data/queries.json: a real query with its popularity and top category. */
export interface QueryRecord {
  query: string;
  /** How many times the query was searched. */
  popularity: number;
  /** Exact hits it had in the original store (informational). */
  hits: number;
  /** Deepest category of its results, e.g. `Audio > Headphones > Earbud Headphones`. */
  category: string;
}

/** Catalog options; every field optional. */
export interface CatalogOptions {
  /**
   * Queries searched fewer times than this get no products of their own.
   * @default 1
   */
  minPopularity?: number;
  /**
   * Most products derived from one query.
   * @default 6
   */
  maxPerQuery?: number;
}

const defaults: Required<CatalogOptions> = { minPopularity: 1, maxPerQuery: 6 };

/**
 * Builds the demo catalog from real queries, deterministically: the same records always give
 * the same products, IDs and prices, in the same order (the ranking's final tie-break).
 * - Each query about products (it names a brand, or shares a word with its own category) that
 *   was searched at least `minPopularity` times yields 1–6 products named after it and filed
 *   under its category, more for more popular queries, so it finds them first.
 * - Each category of the data set gets one product of its own, so category words ("acoustic
 *   guitars") find something even when no popular query named them.
 * Noise queries ("hello hello", "lasagna") get no products and usually return nothing.
 */
export function buildCatalog(records: readonly QueryRecord[], options: CatalogOptions = {}): Product[] {
  const { minPopularity, maxPerQuery } = { ...defaults, ...options };
  const ranked = [...records].sort((a, b) => b.popularity - a.popularity || byCodeUnits(a.query, b.query));
  const products = new Map<string, Product>();
  const add = (product: Product): boolean => {
    // Related queries ("macbook" variant Pro, "macbook pro") can name the same product; the more
    // popular query made it first and keeps it.
    if (products.has(product.objectID)) return false;
    products.set(product.objectID, product);
    return true;
  };
  for (const seed of ranked) {
    if (seed.popularity < minPopularity || !isAboutProducts(seed)) continue;
    const count = Math.min(maxPerQuery, 1 + Math.floor(Math.log2(seed.popularity + 1) / 2));
    for (let i = 0; i < count; i++) add(makeProduct(seed.query, seed, i));
  }
  for (const [category, popularity] of categoryPopularity(ranked)) {
    // A category's product must exist even when a query's product took its name: try variants.
    const seed = { query: category, popularity, hits: 0, category };
    for (let variant = 0; variant < VARIANTS.length && !add(makeProduct('', seed, variant)); variant++);
  }
  return [...products.values()];
}

/**
 * A query is about products when it names a known brand or product line, or shares a word with
 * its own category, and has none of the words of chatter ("this is a tested", "thank you").
 */
function isAboutProducts(record: QueryRecord): boolean {
  const words = record.query.toLowerCase().split(/\s+/);
  if (words.some((w) => NOISE_WORDS.has(w))) return false;
  if (words.some((w) => BRANDS[w] !== undefined || PRODUCT_LINES[w] !== undefined)) return true;
  const categoryTokens = new Set(tokenize(record.category));
  return tokenize(record.query).some((t) => categoryTokens.has(t) && !STOP_WORDS.has(t));
}

/** Total popularity of each category path, most searched first. */
function categoryPopularity(records: readonly QueryRecord[]): [string, number][] {
  const totals = new Map<string, number>();
  for (const r of records) totals.set(r.category, (totals.get(r.category) ?? 0) + r.popularity);
  return [...totals].sort((a, b) => b[1] - a[1] || byCodeUnits(a[0], b[0]));
}

/**
 * One product: `<brand> <query words> <variant> [<category noun>]`. `query` is empty for the
 * products that stand for a whole category (then the noun alone names it).
 */
function makeProduct(query: string, seed: QueryRecord, variantIndex: number): Product {
  const categories = seed.category.split(' > ');
  const department = categories[0]!;
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const namedBrand = words.map((w) => BRANDS[w] ?? PRODUCT_LINES[w]).find((b) => b !== undefined);
  const brand =
    namedBrand ?? pick(BRANDS_BY_DEPARTMENT[department] ?? DEFAULT_BRANDS, `${seed.query}#${variantIndex}`);
  // The brand leads the name once. When the query does not say what the product is ("samsung",
  // or "macbook" whose results are mostly bags), the category lends its noun: "Apple MacBook
  // Pro Laptop Bag", so names and prices agree.
  const rest = words.filter((w) => BRANDS[w] !== brand);
  const categoryTokens = new Set(categories.flatMap(tokenize));
  const saysWhat = rest.some((w) => tokenize(w).some((t) => categoryTokens.has(t)));
  const variant = VARIANTS[variantIndex % VARIANTS.length]!;
  const name = [brand, ...rest.map(spell), variant, saysWhat ? '' : productNoun(categories)]
    .filter(Boolean)
    .join(' ');
  const leaf = categories[categories.length - 1]!;
  const searchedFor = query ? ` A favourite of shoppers searching for “${query}”.` : '';
  return {
    objectID: slug(name),
    name,
    brand,
    categories,
    price: priceFor(name, categories),
    description: `${name}: ${leaf.toLowerCase()} by ${brand}.${searchedFor}`,
    popularity: seed.popularity,
  };
}

/** "Cell Phone Cases & Clips" → "Cell Phone Case"; "All Tablets" → "Tablet". */
function productNoun(categories: readonly string[]): string {
  const leaf = categories[categories.length - 1]!.replace(/^All /, '');
  const first = leaf.split(/ & |, /)[0]!;
  const parts = first.split(' ');
  const last = parts.pop()!;
  return [...parts, singular(last)].join(' ');
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ch|sh|ss|x)es$/.test(word)) return word.slice(0, -2);
  return word.replace(/([^s])s$/, '$1');
}

function spell(word: string): string {
  return SPELLINGS[word] ?? BRANDS[word] ?? word.charAt(0).toUpperCase() + word.slice(1);
}

/** Lower-case words joined by dashes: a readable, URL-safe objectID. */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A stable price ending in .99 inside the category's band. */
function priceFor(name: string, categories: readonly string[]): number {
  const isAccessory = categories.some((c) => /accessor|case|cable|batter|charger|mount/i.test(c));
  const [min, max] = isAccessory ? ACCESSORY_BAND : (PRICE_BANDS[categories[0]!] ?? DEFAULT_BAND);
  return min + (hash32(name) % (max - min)) + 0.99;
}
