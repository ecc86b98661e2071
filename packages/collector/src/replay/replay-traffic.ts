import { CollectorError, type CollectorErrorCode } from '../http/error-registry.js';
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
  const origin = URL.canParse(options.url) ? new URL(options.url) : null;
  if (!origin || (origin.protocol !== 'http:' && origin.protocol !== 'https:')) {
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
 * Anything else than a 200 is a coded error quoting the collector's own message.
 */
async function reportSearches(host: string, options: ReplayOptions, body: unknown): Promise<void> {
  const url = `${host}/1/searches`;
  for (let attempt = 1; ; attempt++) {
    let reported: Response;
    try {
      reported = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-algolia-application-id': options.appId,
          'x-algolia-api-key': options.apiKey,
        },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new CollectorError('REPLAY_UNREACHABLE', `POST ${url}: ${networkCause(error)}.`);
    }
    const status = reported.status;
    if (status === 200) {
      await reported.body?.cancel();
      return;
    }
    const shedding = status === 429 || status === 503;
    if (!shedding || attempt === REPORT_ATTEMPTS) {
      const answer = `POST ${url} answered ${await describeAnswer(reported)}`;
      if (shedding) throw new CollectorError('REPLAY_OVERLOADED', `${answer} (${REPORT_ATTEMPTS} tries).`);
      throw new CollectorError(refusalCode(status), `${answer}.`);
    }
    await reported.body?.cancel();
    const asked = Number(reported.headers.get('retry-after'));
    const wait = Number.isFinite(asked) && asked > 0 ? asked * 1000 : 1000 * 2 ** (attempt - 1);
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, MAX_REPORT_WAIT_MS)));
  }
}

/** The registry code of a final non-200 answer (429 and 503 are retried first). */
function refusalCode(status: number): CollectorErrorCode {
  if (status === 401 || status === 403) return 'REPLAY_REFUSED';
  // The collector serves POST /1/searches: a 404 or 405 there comes from some other server.
  if (status === 404 || status === 405) return 'REPLAY_NOT_A_COLLECTOR';
  return 'REPLAY_FAILED';
}

/** Longest quote of an answer's body, so another server's HTML page stays one line. */
const QUOTE_CHARS = 300;

/**
 * `401 AUTH_INVALID_KEY: "The API key is unknown…"`: the status, the collector's error code
 * (`x-sightline-error`) and its message; another server's body is quoted as text.
 */
async function describeAnswer(response: Response): Promise<string> {
  const code = response.headers.get('x-sightline-error');
  const text = await response.text().catch(() => '');
  let message = text;
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed?.message === 'string') message = parsed.message;
  } catch {
    // Not JSON: not the collector's error body, quoted as it is.
  }
  message = message.replace(/\s+/g, ' ').trim();
  if (message.length > QUOTE_CHARS) message = `${message.slice(0, QUOTE_CHARS)}…`;
  return `${response.status}${code ? ` ${code}` : ''}${message ? `: ${JSON.stringify(message)}` : ' with an empty body'}`;
}

/**
 * Why fetch got no answer, e.g. `connect ECONNREFUSED 127.0.0.1:8420` or `getaddrinfo ENOTFOUND
 * shop.example`: fetch itself only says "fetch failed", the system error is its cause.
 */
export function networkCause(error: unknown): string {
  const cause = ((error as { cause?: unknown })?.cause ?? error) as {
    code?: string;
    message?: string;
    errors?: { code?: string; message?: string }[];
  };
  // "localhost" tried on IPv6 and IPv4: an AggregateError of one refusal each.
  const first = cause?.errors?.[0] ?? cause;
  return first?.message || first?.code || String(cause);
}

/** One shopper in three on mobile, by a stable hash of the user token. */
function platformOf(userToken: string): string {
  let sum = 0;
  for (const char of userToken) sum += char.charCodeAt(0);
  return sum % 3 === 0 ? 'platform:mobile' : 'platform:desktop';
}
