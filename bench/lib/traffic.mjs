// Realistic, deterministic Insights traffic built from shared/data/query-suggestions.json: queries
// drawn with their real popularity (so a few head queries dominate, with a long tail), results on
// index `demo_products`, clicks skewed to the top positions, a few conversions and purchases.
// Every suite draws from here so the client, ingest and analytics benchmarks see the same shape.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './locate.mjs';
import { seededRandom } from './stats.mjs';

export const INDEX = 'demo_products';
const QUERIES_FILE = join(ROOT, '../shared/data/query-suggestions.json');
// A clone without shared/ beside it still has the demo's committed copy (query, popularity, hits, category).
const FALLBACK_QUERIES_FILE = join(ROOT, 'examples/demo/data/queries.json');
/** Distinct users in the generated traffic. */
const USERS = 5000;
/** Highest result position a click can land on (two pages of 20). */
const MAX_POSITION = 40;

let cachedQueries;

/** The query list with cumulative weights (popularity + 1, so zero-popularity queries still occur). */
export function loadQueries() {
  if (cachedQueries) return cachedQueries;
  let text;
  try {
    text = readFileSync(QUERIES_FILE, 'utf8');
  } catch {
    text = readFileSync(FALLBACK_QUERIES_FILE, 'utf8');
  }
  const raw = JSON.parse(text);
  const queries = raw.map((entry) => ({
    query: entry.query,
    popularity: entry.popularity ?? 0,
    nbHits: entry.instant_search?.exact_nb_hits ?? entry.hits ?? 0,
    category:
      entry.instant_search?.facets?.exact_matches?.categories?.[0]?.value ?? entry.category ?? 'Other',
  }));
  const cumulative = [];
  let total = 0;
  for (const query of queries) {
    total += query.popularity + 1;
    cumulative.push(total);
  }
  cachedQueries = { queries, cumulative, total };
  return cachedQueries;
}

const slug = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function hashString(text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

// Built with join, not +=: concatenation makes rope strings that V8 flattens on first use, which
// would charge that work (and a big memory drop) to whichever client touches the string first.
function hex(random, length) {
  const digits = new Array(length);
  for (let i = 0; i < length; i++) digits[i] = Math.floor(random() * 16).toString(16);
  return digits.join('');
}

/**
 * A traffic source. Same seed, same sequence.
 * @param {number} seed
 */
export function createTraffic(seed = 1) {
  const random = seededRandom(seed);
  const { queries, cumulative, total } = loadQueries();
  const users = Array.from(
    { length: USERS },
    () => `anonymous-${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${hex(random, 12)}`,
  );
  // Positions: P(k) ∝ 1 / k^1.3, the usual "most clicks on the first results" skew.
  const positionWeights = [];
  let positionTotal = 0;
  for (let k = 1; k <= MAX_POSITION; k++) {
    positionTotal += 1 / k ** 1.3;
    positionWeights.push(positionTotal);
  }
  const pick = (weights, sum) => {
    const target = random() * sum;
    let lo = 0;
    let hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (weights[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const objectIdFor = (query, position) => {
    const catalogSize = Math.max(20, Math.min(query.nbHits, 400));
    const n = (hashString(query.query) + position * 7919) % catalogSize;
    return `${slug(query.category.split(' > ').pop() ?? 'item')}-${n}`;
  };

  return {
    random,
    /** One search: a query by popularity, a fresh queryID, a user. */
    search() {
      const query = queries[pick(cumulative, total)];
      return {
        query: query.query,
        queryID: hex(random, 32),
        index: INDEX,
        nbHits: query.nbHits,
        userToken: users[Math.floor(random() * users.length)],
        hit: (position) => objectIdFor(query, position),
      };
    },
    /** A click position for a search, 1-based, skewed to the top. */
    position(nbHits) {
      const limit = Math.max(1, Math.min(MAX_POSITION, nbHits || MAX_POSITION));
      let position = pick(positionWeights, positionTotal) + 1;
      while (position > limit) position = pick(positionWeights, positionTotal) + 1;
      return position;
    },
  };
}

/**
 * Arguments of `aa('clickedObjectIDsAfterSearch', …)` calls, as a page would make them (no
 * userToken: the client fills it).
 */
export function clickCalls(count, seed = 7) {
  const traffic = createTraffic(seed);
  const calls = [];
  for (let i = 0; i < count; i++) {
    const search = traffic.search();
    const position = traffic.position(search.nbHits);
    calls.push({
      eventName: 'Product Clicked',
      index: search.index,
      queryID: search.queryID,
      objectIDs: [search.hit(position)],
      positions: [position],
    });
  }
  // A JSON round trip leaves only flat strings (see hex()) and plain, uniformly shaped objects.
  return JSON.parse(JSON.stringify(calls));
}

/**
 * API-level events (what reaches `POST /1/events`) for one user session on one search: a view of
 * the results, maybe a click, maybe an add-to-cart and a purchase. `now` is the session's time.
 */
export function sessionEvents(traffic, now) {
  const search = traffic.search();
  const base = { index: search.index, userToken: search.userToken };
  const events = [
    {
      ...base,
      eventType: 'view',
      eventName: 'Results Viewed',
      objectIDs: [1, 2, 3, 4, 5].map((p) => search.hit(p)),
      timestamp: now,
    },
  ];
  if (traffic.random() < 0.45) {
    const position = traffic.position(search.nbHits);
    const objectID = search.hit(position);
    events.push({
      ...base,
      eventType: 'click',
      eventName: 'Product Clicked',
      queryID: search.queryID,
      objectIDs: [objectID],
      positions: [position],
      timestamp: now + 2000,
    });
    if (traffic.random() < 0.2) {
      const price = Math.round((20 + traffic.random() * 980) * 100) / 100;
      events.push({
        ...base,
        eventType: 'conversion',
        eventSubtype: 'addToCart',
        eventName: 'Added To Cart',
        queryID: search.queryID,
        objectIDs: [objectID],
        objectData: [{ price, quantity: 1 }],
        value: price,
        currency: 'USD',
        timestamp: now + 5000,
      });
      if (traffic.random() < 0.5) {
        events.push({
          ...base,
          eventType: 'conversion',
          eventSubtype: 'purchase',
          eventName: 'Order Completed',
          objectIDs: [objectID],
          objectData: [{ price, quantity: 1, queryID: search.queryID }],
          value: price,
          currency: 'USD',
          timestamp: now + 60_000,
        });
      }
    }
  }
  return { search, events };
}

/**
 * `count` request bodies of `size` events each (JSON strings), from whole sessions, timestamps
 * in the last minute before `now`.
 */
export function ingestBodies(size, count, seed = 11, now = Date.now()) {
  const traffic = createTraffic(seed);
  const bodies = [];
  let pending = [];
  while (bodies.length < count) {
    const { events } = sessionEvents(traffic, now - 120_000 + Math.floor(traffic.random() * 50_000));
    pending.push(...events);
    while (pending.length >= size && bodies.length < count) {
      bodies.push(JSON.stringify({ events: pending.slice(0, size) }));
      pending = pending.slice(size);
    }
  }
  return bodies;
}
