import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Random } from './random.js';

/**
 * One query of examples/demo/data/queries.json: how often real users typed it, its hit count in the
 * original store, and the category of its results (the demo catalog files its products there).
 */
export interface PopularQuery {
  query: string;
  popularity: number;
  hits: number;
  /** Deepest category of its results, e.g. `Audio > Headphones`; '' when the file has none. */
  category: string;
}

/** examples/demo/data/queries.json of this checkout, found by walking up from this file. */
export function defaultQueriesFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'examples/demo/data/queries.json');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return resolve('examples/demo/data/queries.json');
}

/** Reads a queries file: a JSON array of `{query, popularity, hits, category}` (hits, category optional). */
export function loadQueries(file = defaultQueriesFile()): PopularQuery[] {
  const list = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(list)) throw new Error(`${file} must hold a JSON array of {query, popularity, hits}.`);
  // Queries nobody typed are kept: they are never picked, but the demo catalog files products under
  // their categories too, and it must come out as the shop builds it from the same file.
  const queries = list.filter(
    (q): q is PopularQuery =>
      typeof q?.query === 'string' && typeof q.popularity === 'number' && q.popularity >= 0,
  );
  if (!queries.some((q) => q.popularity > 0))
    throw new Error(`${file} has no query with a popularity above 0.`);
  return queries.map((q) => ({
    query: q.query,
    popularity: q.popularity,
    hits: Math.max(0, q.hits ?? 0),
    category: typeof q.category === 'string' ? q.category : '',
  }));
}

/**
 * Picks queries with probability proportional to their popularity (binary search on the running
 * sum: the first entry whose sum exceeds the draw, so a popularity of 0 is never picked).
 */
export function popularityPicker(queries: PopularQuery[]): (random: Random) => PopularQuery {
  const cumulative: number[] = [];
  let total = 0;
  for (const q of queries) {
    total += q.popularity;
    cumulative.push(total);
  }
  return (random) => {
    const target = random.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return queries[lo]!;
  };
}
