import { byCodeUnits, type CatalogIndex, type QueryRecord, tokenize } from '@sightline/demo-catalog';

/** A popular query offered while the user types. */
export interface Suggestion {
  query: string;
  popularity: number;
}

/** Returns up to `limit` suggestions for the typed text. */
export type Suggester = (typed: string, limit?: number) => Suggestion[];

/**
 * Suggests popular queries that start with the typed text (then those containing it as a word
 * prefix), most popular first, keeping only those the catalog answers: a suggestion that leads
 * to "no results" would be a bad suggestion.
 */
export function createSuggester(records: readonly QueryRecord[], catalog: CatalogIndex): Suggester {
  const ranked = [...records]
    .sort((a, b) => b.popularity - a.popularity || byCodeUnits(a.query, b.query))
    .map((record) => ({ record, normalized: tokenize(record.query).join(' ') }));
  return (typed, limit = 8) => {
    const text = tokenize(typed).join(' ');
    const starts = ranked.filter((r) => r.normalized.startsWith(text));
    const contains = text === '' ? [] : ranked.filter((r) => r.normalized.includes(` ${text}`));
    const out: Suggestion[] = [];
    const seen = new Set<string>();
    for (const { record, normalized } of [...starts, ...contains]) {
      if (out.length >= limit) break;
      if (seen.has(normalized)) continue;
      seen.add(normalized);
      if (catalog.search({ query: record.query, page: 0, hitsPerPage: 1 }).nbHits === 0) continue;
      out.push({ query: record.query, popularity: record.popularity });
    }
    return out;
  };
}
