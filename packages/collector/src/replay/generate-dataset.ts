import type { EventStore, RecordedRequest, TrackedSearch } from '../store/event-store.js';
import { loadQueries, type PopularQuery } from './queries.js';
import { createRandom } from './random.js';
import { createShopSearch } from './shop-search.js';
import { createShopperSimulator, eventsOf, resolveShopperModel, type ShopperModel } from './shopper-model.js';

/** Options of {@link generateDataset}. */
export interface DatasetOptions extends ShopperModel {
  /** The application the data belongs to (it need not exist for the store to accept rows). */
  appId: string;
  /** How many events to write (searches come on top: about one per event). */
  events: number;
  /** Index of the searches and events. @default 'demo_products' */
  index?: string;
  /** Days the data is spread over, ending at `now`. @default 7 */
  days?: number;
  /** Seed of the generator. @default 1 */
  seed?: number;
  /** Query popularity (and the demo catalog derived from it). @default examples/demo/data/queries.json */
  queries?: PopularQuery[];
  /** End of the time span, ms since the epoch. @default Date.now() */
  now?: number;
  /** Distinct shoppers the searches are shared between. @default 10000 */
  users?: number;
  /**
   * Events per stored request (one transaction) and searches per `appendSearches`. Bigger batches
   * mean fewer commits. @default 1000 (the API's own batch size)
   */
  batchSize?: number;
  /** Called after each written batch with the events written so far. */
  onProgress?: (written: number) => void;
}

/**
 * A queryID whose first 12 hex digits count up: bulk inserts then append to the queryID indexes
 * instead of landing at random places in them, which keeps 10 M-event stores fast to fill. Still
 * 32 lowercase hex characters, unique, and deterministic for a seed.
 */
function sequentialQueryID(n: number, random: string): string {
  return n.toString(16).padStart(12, '0') + random.slice(12);
}

/**
 * Writes a realistic data set straight through an {@link EventStore} (no HTTP): tracked searches
 * with the demo's query popularity, clicks skewed to the top, conversions and purchases, spread
 * evenly over `days` in time order. Deterministic for a seed (apart from `now`). For benchmark stores
 * of millions of events; returns what it wrote.
 */
export async function generateDataset(
  store: EventStore,
  options: DatasetOptions,
): Promise<{ events: number; searches: number }> {
  const model = resolveShopperModel(options);
  const random = createRandom(options.seed ?? 1);
  const queries = options.queries ?? loadQueries();
  const simulate = createShopperSimulator(queries, model, createShopSearch(queries));
  const index = options.index ?? 'demo_products';
  const users = options.users ?? 10_000;
  const end = options.now ?? Date.now();
  const span = (options.days ?? 7) * 86_400_000;
  const start = end - span;
  const batch = options.batchSize ?? 1000;

  let written = 0;
  let searchCount = 0;
  let events: unknown[] = [];
  let searches: TrackedSearch[] = [];
  let lastTime = start;
  const flush = async () => {
    if (searches.length > 0) await store.appendSearches(options.appId, searches);
    if (events.length > 0) await store.appendRequest(request(options.appId, written, lastTime, events));
    written += events.length;
    events = [];
    searches = [];
    options.onProgress?.(written);
  };
  while (written + events.length < options.events) {
    const simulated = simulate(random);
    const search = { ...simulated, queryID: sequentialQueryID(searchCount, simulated.queryID) };
    const at = Math.floor(start + ((written + events.length) / options.events) * span);
    const user = random.int(1, users);
    const userToken = `user-${user}`;
    searches.push({
      queryID: search.queryID,
      index,
      query: search.query,
      nbHits: search.nbHits,
      userToken,
      timestamp: at,
      // A segment to filter on (`tags=platform:mobile`), like the demo's: one shopper in three on mobile.
      analyticsTags: [user % 3 === 0 ? 'platform:mobile' : 'platform:desktop'],
    });
    searchCount++;
    const produced = eventsOf(search, { index, userToken, currency: model.currency, timestamp: at + 5000 });
    for (const event of produced) {
      if (written + events.length >= options.events) break;
      events.push(event);
    }
    lastTime = at + 5000;
    if (events.length >= batch || searches.length >= batch) await flush();
  }
  await flush();
  return { events: written, searches: searchCount };
}

function request(appId: string, n: number, receivedAt: number, events: unknown[]): RecordedRequest {
  return {
    appId,
    requestId: `generated-${n}`,
    receivedAt,
    status: 200,
    accepted: true,
    headers: { referer: null, userAgent: null, agent: 'sightline-generator' },
    device: 'unknown',
    entries: events.map((event) => ({ event, errors: [] })),
  };
}
