/**
 * The demo shop's catalog, as one deterministic rule: which products real queries yield
 * (`buildCatalog`) and what a search for a query shows, in which order (`createCatalogIndex`).
 * The shop (examples/demo) serves it; `sightline replay` (packages/collector) simulates its
 * shoppers with it, so replayed clicks name products the shop really lists. Platform-free.
 */
export { buildCatalog, type CatalogOptions, type QueryRecord } from './build-catalog.js';
export { byCodeUnits, hash32, pick } from './deterministic.js';
export { type CatalogIndex, createCatalogIndex, type SearchPage, type SearchParams } from './search.js';
export { tokenize } from './tokenize.js';
export type { Hit, Product } from './types.js';
