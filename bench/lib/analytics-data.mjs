// The analytics data generator: fills a collector with N events of realistic traffic spread over
// the last weeks — every search reported through POST /1/searches (Sightline's extension, so CTR
// and no-click rates have a denominator), its views, clicks, add-to-carts and purchases through
// POST /1/events — with the real query popularity of shared/data/query-suggestions.json.
import { createTraffic, sessionEvents } from './traffic.mjs';

const DAY_MS = 86_400_000;
const BATCH = 1000;
const CONCURRENCY = 4;

/** Bump when the generated traffic changes, so cached stores are rebuilt. */
export const GENERATOR_VERSION = 1;

/**
 * Fills (or goes on filling) a store. The traffic is deterministic for a seed and a start time
 * `from`, so a fill cut short by its time budget can be resumed later: `skipEvents` regenerates
 * and skips the sessions already sent (fills always stop at a session boundary).
 * @param {{ url: string, appId: string, searchKey: string, events: number, from: number, skipEvents?: number,
 *   budgetMs?: number, days?: number, seed?: number, log?: (m: string) => void }} options
 * @returns {Promise<{ events: number, searches: number, sentEvents: number, seconds: number, complete: boolean,
 *   phases: { events: number, seconds: number }[] }>} events/searches: totals in the store
 */
export async function fillStore({
  url,
  appId,
  searchKey,
  events: target,
  from,
  skipEvents = 0,
  budgetMs = Number.POSITIVE_INFINITY,
  days = 27,
  seed = 99,
  log = () => {},
}) {
  const traffic = createTraffic(seed);
  // Sessions fall between `from` and `days` later, minus an hour, inside the 30-day window.
  const span = days * DAY_MS - 3_600_000;
  const query = `X-Algolia-Application-Id=${encodeURIComponent(appId)}&X-Algolia-API-Key=${encodeURIComponent(searchKey)}`;
  let events = [];
  let searches = [];
  let produced = 0;
  let searchCount = 0;
  const started = performance.now();
  const stopAt = started + budgetMs;
  const inFlight = new Set();
  const phases = [];
  let phaseStart = started;
  let phaseEvents = 0;

  async function post(path, body) {
    const response = await fetch(`${url}${path}?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== 200)
      throw new Error(`${path} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  async function send(path, body) {
    while (inFlight.size >= CONCURRENCY) await Promise.race(inFlight);
    const promise = post(path, body).finally(() => inFlight.delete(promise));
    inFlight.add(promise);
  }
  async function flush(all) {
    if (searches.length >= BATCH || (all && searches.length)) {
      await send('/1/searches', { searches });
      searches = [];
    }
    while (events.length >= BATCH || (all && events.length)) {
      await send('/1/events', { events: events.slice(0, BATCH) });
      events = events.slice(BATCH);
    }
  }

  let complete = true;
  while (produced < target) {
    const at = from + Math.floor(traffic.random() * span);
    const { search, events: sessionList } = sessionEvents(traffic, at);
    produced += sessionList.length;
    searchCount++;
    if (produced <= skipEvents) continue;
    searches.push({
      queryID: search.queryID,
      index: search.index,
      query: search.query,
      nbHits: search.nbHits,
      userToken: search.userToken,
      timestamp: at - 1000,
    });
    events.push(...sessionList);
    phaseEvents += sessionList.length;
    await flush(false);
    if (phaseEvents >= 100_000) {
      const now = performance.now();
      phases.push({ events: phaseEvents, seconds: (now - phaseStart) / 1000 });
      log(
        `analytics data: ${produced.toLocaleString('en-US')} / ${target.toLocaleString('en-US')} events (${Math.round(phaseEvents / ((now - phaseStart) / 1000)).toLocaleString('en-US')} events/s)`,
      );
      phaseStart = now;
      phaseEvents = 0;
      if (now > stopAt) {
        complete = produced >= target;
        break;
      }
    }
  }
  await flush(true);
  await Promise.all(inFlight);
  return {
    events: produced,
    searches: searchCount,
    sentEvents: produced - skipEvents,
    seconds: (performance.now() - started) / 1000,
    complete,
    phases,
  };
}
