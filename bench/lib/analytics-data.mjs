// The analytics data generator: fills a collector with N events of realistic traffic spread over
// the last weeks — every search reported through POST /1/searches (Sightline's extension, so CTR
// and no-click rates have a denominator), its views, clicks, add-to-carts and purchases through
// POST /1/events — with the real query popularity of shared/data/query-suggestions.json.
import { createTraffic, sessionEvents } from './traffic.mjs';

const DAY_MS = 86_400_000;
const BATCH = 1000;
const CONCURRENCY = 4;

/**
 * @param {{ url: string, appId: string, searchKey: string, events: number, days?: number, seed?: number, log?: (m: string) => void }} options
 * @returns {Promise<{ events: number, searches: number, seconds: number, startDate: string, endDate: string }>}
 */
export async function fillStore({
  url,
  appId,
  searchKey,
  events: target,
  days = 27,
  seed = 99,
  log = () => {},
}) {
  const traffic = createTraffic(seed);
  const now = Date.now();
  // Sessions run from `days` ago up to an hour ago, inside the collector's 30-day window.
  const from = now - days * DAY_MS;
  const span = days * DAY_MS - 3_600_000;
  const query = `X-Algolia-Application-Id=${encodeURIComponent(appId)}&X-Algolia-API-Key=${encodeURIComponent(searchKey)}`;
  let events = [];
  let searches = [];
  let sentEvents = 0;
  let sentSearches = 0;
  let produced = 0;
  const started = performance.now();
  const inFlight = new Set();

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

  let nextLog = 100_000;
  while (produced < target) {
    const at = from + Math.floor(traffic.random() * span);
    const session = sessionEvents(traffic, at);
    const { search } = session;
    searches.push({
      queryID: search.queryID,
      index: search.index,
      query: search.query,
      nbHits: search.nbHits,
      userToken: search.userToken,
      timestamp: at - 1000,
    });
    const take = session.events.slice(0, target - produced);
    events.push(...take);
    produced += take.length;
    if (searches.length >= BATCH) {
      await send('/1/searches', { searches });
      sentSearches += searches.length;
      searches = [];
    }
    while (events.length >= BATCH) {
      await send('/1/events', { events: events.slice(0, BATCH) });
      sentEvents += BATCH;
      events = events.slice(BATCH);
    }
    if (produced >= nextLog) {
      log(`analytics data: ${produced.toLocaleString('en-US')} / ${target.toLocaleString('en-US')} events`);
      nextLog += 100_000;
    }
  }
  if (searches.length) {
    await send('/1/searches', { searches });
    sentSearches += searches.length;
  }
  if (events.length) {
    await send('/1/events', { events });
    sentEvents += events.length;
  }
  await Promise.all(inFlight);
  const day = (ms) => new Date(ms).toISOString().slice(0, 10);
  return {
    events: sentEvents,
    searches: sentSearches,
    seconds: (performance.now() - started) / 1000,
    startDate: day(from),
    endDate: day(now),
  };
}
