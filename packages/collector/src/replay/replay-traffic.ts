import { loadQueries, type PopularQuery } from './queries.js';
import { createRandom } from './random.js';
import { createShopSearch } from './shop-search.js';
import { createShopperSimulator, eventsOf, resolveShopperModel, type ShopperModel } from './shopper-model.js';

/** Options of {@link replayTraffic}. */
export interface ReplayOptions extends ShopperModel {
  /** The collector's origin, e.g. `http://127.0.0.1:8420`: the only place anything is sent. */
  url: string;
  appId: string;
  /** A key with the `search` ACL. */
  apiKey: string;
  /** Simulated shoppers, one user token each (1–10,000). @default 20 */
  shoppers?: number;
  /** Searches per shopper (1–100). @default 3 */
  searchesPerShopper?: number;
  /** Index of the searches and events. @default 'demo_products' (the demo shop's) */
  index?: string;
  /** Seed: the same seed replays the same searches, clicks and conversions. @default 1 */
  seed?: number;
  /**
   * Query popularity; the demo shop's catalog (hit counts, products, prices) is derived from the
   * same queries, as the shop does from its data file. @default examples/demo/data/queries.json
   */
  queries?: PopularQuery[];
}

/** What a replay sent (every count acknowledged with a 200). */
export interface ReplaySummary {
  shoppers: number;
  searches: number;
  clicks: number;
  addToCarts: number;
  purchases: number;
  /** Revenue of the purchases, in the replay's currency. */
  revenue: number;
  /** Sends that did not get a 200 (none expected). */
  failed: number;
}

const INSIGHTS_PACKAGE: string = '@sightline/insights';

/** The subset of the `@sightline/insights` client the replay uses. */
type Aa = (method: string, ...args: unknown[]) => unknown;

function bounded(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max} (got ${value}).`);
  }
  return value;
}

/**
 * Simulated shoppers against a collector: each reports its tracked searches (`POST /1/searches`, as a
 * search backend would) and sends its clicks and conversions through the real client
 * (`@sightline/insights`, Node build). Bounded, deterministic for a seed, and sent only to `url`.
 */
export async function replayTraffic(options: ReplayOptions): Promise<ReplaySummary> {
  const model = resolveShopperModel(options);
  const shoppers = bounded('shoppers', options.shoppers ?? 20, 1, 10_000);
  const perShopper = bounded('searchesPerShopper', options.searchesPerShopper ?? 3, 1, 100);
  const origin = new URL(options.url);
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:') {
    throw new RangeError(`url must be http(s)://host:port (got ${options.url}).`);
  }
  const host = origin.origin;
  const index = options.index ?? 'demo_products';
  const random = createRandom(options.seed ?? 1);
  const queries = options.queries ?? loadQueries();
  const simulate = createShopperSimulator(queries, model, createShopSearch(queries));
  // The real client, loaded at run time (a variable specifier: the library neither bundles it nor
  // needs its types to build).
  const insights = (await import(INSIGHTS_PACKAGE)) as {
    createInsightsClient(requestFn: unknown): Aa;
    getRequesterForNode(): unknown;
  };

  const summary: ReplaySummary = {
    shoppers,
    searches: 0,
    clicks: 0,
    addToCarts: 0,
    purchases: 0,
    revenue: 0,
    failed: 0,
  };
  for (let s = 0; s < shoppers; s++) {
    const userToken = `replay-${options.seed ?? 1}-${s + 1}`;
    const searches = Array.from({ length: perShopper }, () => simulate(random));
    await reportSearches(host, options, {
      searches: searches.map((x) => ({
        queryID: x.queryID,
        index,
        query: x.query,
        nbHits: x.nbHits,
        userToken,
        // The demo's segment (docs/demo.md), so the dashboard's Tags field shows replayed traffic too.
        analyticsTags: [platformOf(userToken)],
      })),
    });
    summary.searches += searches.length;

    const aa = insights.createInsightsClient(insights.getRequesterForNode());
    aa('init', { appId: options.appId, apiKey: options.apiKey, host, userToken });
    for (const search of searches) {
      const events = eventsOf(search, { index, userToken, currency: model.currency });
      if (events.length === 0) continue;
      const ok = await aa('sendEvents', events);
      if (ok !== true) {
        summary.failed += events.length;
        continue;
      }
      summary.clicks += search.clicks.length;
      const c = search.conversion;
      if (c?.subtype === 'addToCart') summary.addToCarts++;
      if (c?.subtype === 'purchase') {
        summary.purchases++;
        summary.revenue = Math.round((summary.revenue + Number(c.price.toFixed(2)) * c.quantity) * 100) / 100;
      }
    }
  }
  return summary;
}

/** Attempts of one search report while the collector answers 429 or 503 (it sheds load). */
const REPORT_ATTEMPTS = 8;
/** Longest wait between attempts, whatever `Retry-After` asks. */
const MAX_REPORT_WAIT_MS = 30_000;

/**
 * `POST /1/searches`, retried after `Retry-After` (else 1 s, doubling) while the collector answers
 * 429 or 503, so a large replay against a rate-limited collector slows down instead of stopping.
 */
async function reportSearches(host: string, options: ReplayOptions, body: unknown): Promise<void> {
  let status = 0;
  for (let attempt = 1; attempt <= REPORT_ATTEMPTS; attempt++) {
    const reported = await fetch(`${host}/1/searches`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-algolia-application-id': options.appId,
        'x-algolia-api-key': options.apiKey,
      },
      body: JSON.stringify(body),
    });
    await reported.body?.cancel();
    status = reported.status;
    if (status === 200) return;
    if (status !== 429 && status !== 503) break;
    const asked = Number(reported.headers.get('retry-after'));
    const wait = Number.isFinite(asked) && asked > 0 ? asked * 1000 : 1000 * 2 ** (attempt - 1);
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, MAX_REPORT_WAIT_MS)));
  }
  throw new Error(
    `POST ${host}/1/searches answered ${status}: ${REPORT_HINTS[status] ?? REPORT_HINTS.other}`,
  );
}

const REPORT_HINTS: Record<string, string> = {
  401: 'check the app ID and API key (sightline apps list / keys list).',
  403: 'use a key of this application with the search ACL.',
  404: "check the URL: it must be the collector's origin, e.g. http://127.0.0.1:8420.",
  429: `still rate-limited after ${REPORT_ATTEMPTS} tries: replay fewer shoppers, or start the collector with a higher --rate-limit-per-ip / --rate-limit (README, Configuration).`,
  503: `still unavailable after ${REPORT_ATTEMPTS} tries: see the collector's log.`,
  other:
    "see the collector's log; the URL must be the collector's origin and the key one with the search ACL.",
};

/** One shopper in three on mobile, by a stable hash of the user token. */
function platformOf(userToken: string): string {
  let sum = 0;
  for (const char of userToken) sum += char.charCodeAt(0);
  return sum % 3 === 0 ? 'platform:mobile' : 'platform:desktop';
}
