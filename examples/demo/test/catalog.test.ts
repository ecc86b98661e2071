import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCatalog, createCatalogIndex, type QueryRecord, tokenize } from '@sightline/demo-catalog';
import { describe, expect, it } from 'vitest';
import { createSuggester } from '../src/server/catalog/suggest.js';

const records = JSON.parse(
  readFileSync(new URL('../data/queries.json', import.meta.url), 'utf8'),
) as QueryRecord[];
const products = buildCatalog(records);
const catalog = createCatalogIndex(products);
const top = (query: string, n = 3) =>
  catalog.search({ query, page: 0, hitsPerPage: n }).hits.map((h) => h.name);

const IMPORT_SCRIPT = new URL('../scripts/import-queries.mjs', import.meta.url).pathname;
/** The source data set; it sits beside the repository (shared/), not in it. */
const SOURCE = new URL('../../../../shared/data/query-suggestions.json', import.meta.url).pathname;

describe('the query data', () => {
  // Skipped only where shared/ is not beside the checkout (a plain clone); CI lays it there.
  it.skipIf(!existsSync(SOURCE))(
    'is exactly what scripts/import-queries.mjs derives from shared/data',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'sightline-queries-'));
      try {
        const target = join(dir, 'queries.json');
        execFileSync(process.execPath, [IMPORT_SCRIPT, SOURCE, target], { stdio: 'ignore' });
        expect(readFileSync(target, 'utf8')).toBe(
          readFileSync(new URL('../data/queries.json', import.meta.url), 'utf8'),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('holds the 2,120 real queries, most popular first', () => {
    expect(records).toHaveLength(2120);
    expect(records[0]).toEqual({
      query: 'cooktop',
      popularity: 1214,
      hits: 260,
      category: 'Appliances > Ranges, Cooktops & Ovens > Cooktops',
    });
  });
});

describe('buildCatalog', () => {
  it('is deterministic: same records, same products, IDs and prices', () => {
    expect(buildCatalog(records)).toEqual(products);
    expect(buildCatalog([...records].reverse())).toEqual(products);
  });

  it('makes unique, URL-safe objectIDs and prices in cents ending in .99', () => {
    const ids = products.map((p) => p.objectID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const product of products) {
      expect(product.objectID).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(Math.round(product.price * 100) % 100).toBe(99);
      expect(product.price).toBeGreaterThan(5);
    }
  });

  it('gives a popular query several products named after it, under its category', () => {
    const cooktops = products.filter((p) => p.name.includes('Cooktop') && p.popularity === 1214);
    expect(cooktops).toHaveLength(6);
    expect(
      cooktops.every((p) => p.categories.join(' > ') === 'Appliances > Ranges, Cooktops & Ovens > Cooktops'),
    ).toBe(true);
  });

  it('names the product when the query only names a brand or product line', () => {
    expect(products.find((p) => p.popularity === 173 && p.brand === 'Samsung')?.name).toBe(
      'Samsung Cell Phone Case',
    );
    // "macbook" mostly found bags in the source store: the name says so, and the price agrees.
    const macbook = products.find((p) => p.objectID === 'apple-macbook-laptop-bag');
    expect(macbook?.price).toBeLessThan(80);
  });

  it('lets every category of the data set be found by its name', () => {
    const leaves = new Set(records.map((r) => r.category.split(' > ').pop()!));
    const unfound = [...leaves].filter(
      (leaf) => catalog.search({ query: leaf, page: 0, hitsPerPage: 1 }).nbHits === 0,
    );
    expect(unfound).toEqual([]);
  });
});

describe('search', () => {
  it('answers popular queries with the products made for them, first', () => {
    expect(top('cooktop')).toEqual(['LG Cooktop', 'Frigidaire Cooktop Pro', 'GE Cooktop Plus']);
    expect(top('iphone', 1)).toEqual(['Apple iPhone Cell Phone Case']);
    expect(top('samsung tv', 2)).toEqual(['Samsung TV', 'Samsung TV Pro']);
  });

  it('answers the 30 most popular queries, except the chatter among them', () => {
    const popular = records.slice(0, 30).map((r) => r.query);
    const empty = popular.filter((q) => catalog.search({ query: q, page: 0, hitsPerPage: 1 }).nbHits === 0);
    expect(empty).toEqual(['tasting', 'equalizer', 'tested']);
  });

  it('returns nothing for chatter and unknown words', () => {
    for (const query of ['hello hello', 'lasagna', 'this is a tested', 'zzzz']) {
      expect(catalog.search({ query, page: 0, hitsPerPage: 5 }).nbHits).toBe(0);
    }
  });

  it('matches the last word as a prefix, plurals and a few synonyms', () => {
    expect(top('macb', 1)).toEqual(top('macbook', 1));
    expect(top('cooktops', 1)).toEqual(['LG Cooktop']);
    expect(top('fridge', 1)[0]).toMatch(/Refrigerator/);
  });

  it('pages with absolute 1-based positions', () => {
    const first = catalog.search({ query: 'tv', page: 0, hitsPerPage: 5 });
    const second = catalog.search({ query: 'tv', page: 1, hitsPerPage: 5 });
    expect(first.hits.map((h) => h.position)).toEqual([1, 2, 3, 4, 5]);
    expect(second.hits.map((h) => h.position)).toEqual([6, 7, 8, 9, 10]);
    expect(second.hits[0]!.objectID).not.toBe(first.hits[4]!.objectID);
    expect(first.nbPages).toBe(Math.ceil(first.nbHits / 5));
  });

  it('lists the whole catalog for an empty query, in catalog order', () => {
    const all = catalog.search({ query: '', page: 0, hitsPerPage: 3 });
    expect(all.nbHits).toBe(products.length);
    expect(all.hits.map((h) => h.objectID)).toEqual(products.slice(0, 3).map((p) => p.objectID));
  });

  it('gets a product by objectID', () => {
    expect(catalog.get('lg-cooktop')?.name).toBe('LG Cooktop');
    expect(catalog.get('nope')).toBeUndefined();
  });
});

describe('suggest', () => {
  const suggest = createSuggester(records, catalog);

  it('offers popular queries starting with the typed text, most popular first', () => {
    expect(suggest('mac', 3)).toEqual([
      { query: 'macbook', popularity: 731 },
      { query: 'macbook air', popularity: 29 },
      { query: 'macbook pro', popularity: 20 },
    ]);
  });

  it('offers the most popular queries for an empty box, skipping those without results', () => {
    const queries = suggest('', 8).map((s) => s.query);
    expect(queries[0]).toBe('cooktop');
    expect(queries).not.toContain('tasting');
  });

  it('falls back to queries containing the text as a word', () => {
    expect(suggest('watch', 20).map((s) => s.query)).toContain('apple watch');
  });
});

describe('tokenize', () => {
  it('lower-cases, strips accents and punctuation, folds plurals', () => {
    expect(tokenize('Écouteurs & Cables, Batteries!')).toEqual(['ecouteur', 'cable', 'battery']);
    expect(tokenize('GPS glass')).toEqual(['gps', 'glass']);
  });
});
