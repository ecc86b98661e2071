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
   * Events handed to the store at once (a request per search, each received at its events' time)
   * and searches per `appendSearches`. Bigger batches mean fewer commits. @default 1000
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
  let pending = 0;
  let requests: RecordedRequest[] = [];
  let searches: TrackedSearch[] = [];
  const flush = async () => {
    if (searches.length > 0) await store.appendSearches(options.appId, searches);
    // Handed over together: the SQLite store commits requests that arrive in one turn of the event
    // loop in shared transactions (group commit), so a request per search costs little.
    await Promise.all(requests.map((r) => store.appendRequest(r)));
    written += pending;
    pending = 0;
    requests = [];
    searches = [];
    options.onProgress?.(written);
  };
  while (written + pending < options.events) {
    const simulated = simulate(random);
    const search = { ...simulated, queryID: sequentialQueryID(searchCount, simulated.queryID) };
    const at = Math.floor(start + ((written + pending) / options.events) * span);
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
    const eventTime = at + 5000;
    const produced = eventsOf(search, { index, userToken, currency: model.currency, timestamp: eventTime });
    const kept = produced.slice(0, options.events - written - pending);
    // One request per search, received when its events happened: retention purges entries by
    // receive time and searches by their own, so the two must age together.
    if (kept.length > 0) requests.push(request(options.appId, written + pending, eventTime, kept));
    pending += kept.length;
    if (pending >= batch || searches.length >= batch) await flush();
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
