// Derives data/queries.json (committed) from the shared query-suggestions data set, so the demo
// runs from a clean clone without the shared/ folder. Re-run after the source data changes:
//   node examples/demo/scripts/import-queries.mjs [source.json] [target.json]
// (defaults: ../shared/data/query-suggestions.json beside the repository, data/queries.json)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source =
  process.argv[2] ??
  fileURLToPath(new URL('../../../../shared/data/query-suggestions.json', import.meta.url));
const target = process.argv[3] ?? fileURLToPath(new URL('../data/queries.json', import.meta.url));

/** Deepest hierarchical category the query's exact matches fall into, e.g. "Audio > Headphones". */
function topCategory(facets) {
  for (const level of [
    'hierarchicalCategories.lvl2',
    'hierarchicalCategories.lvl1',
    'hierarchicalCategories.lvl0',
  ]) {
    const value = facets[level]?.[0]?.value;
    if (value) return value;
  }
  return facets.categories?.[0]?.value ?? 'Other';
}

const records = JSON.parse(readFileSync(source, 'utf8')).map((record) => ({
  query: record.query,
  popularity: record.popularity,
  hits: record.instant_search.exact_nb_hits,
  category: topCategory(record.instant_search.facets.exact_matches),
}));
// One record per line keeps diffs of the committed file readable.
writeFileSync(target, `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
console.log(`wrote ${records.length} queries to ${target}`);
