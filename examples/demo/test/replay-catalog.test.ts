import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCollector, replayTraffic } from '../../../packages/collector/src/index.js';
import type { DemoServer, SearchResponse } from '../src/server/index.js';
import { startShopFor, startTempCollector } from './helpers/shop-rig.js';

interface Entry {
  event: {
    eventType: string;
    queryID?: string;
    objectIDs?: string[];
    positions?: number[];
    objectData?: { price?: string }[];
  } | null;
}

/**
 * `sightline replay` simulates shoppers of this shop: what it reports (nbHits) and what they click
 * or buy (objectIDs at their positions, prices) must be what the shop's own search shows for the
 * same query, or the dashboard lists products the shop never had. Checked against the running
 * shop over HTTP, the way a shopper would see it.
 */
describe('the replay and the demo shop agree on the catalog', () => {
  let rig: Awaited<ReturnType<typeof startTempCollector>>;
  let collector: RunningCollector;
  let demo: DemoServer;

  beforeAll(async () => {
    rig = await startTempCollector('sightline-demo-replay-');
    collector = rig.collector;
    const boot = collector.bootstrap!;
    await replayTraffic({
      url: collector.url,
      appId: boot.appId,
      apiKey: boot.searchKey,
      shoppers: 30,
      searchesPerShopper: 5,
      conversionRate: 0.4,
      seed: 3,
    });
    // Started after the replay: the searches made below are reported too, but read nothing back.
    demo = await startShopFor(collector);
  });
  afterAll(async () => {
    await demo?.close();
    await rig?.close();
  });

  const shown = new Map<string, SearchResponse>();
  async function shopSearch(query: string): Promise<SearchResponse> {
    let page = shown.get(query);
    if (!page) {
      const res = await fetch(
        `${demo.url}/api/search?${new URLSearchParams({ q: query, hitsPerPage: '100' })}`,
      );
      expect(res.status).toBe(200);
      page = (await res.json()) as SearchResponse;
      shown.set(query, page);
    }
    return page;
  }

  it('reports the nbHits the shop shows for each query, and clicks and buys products the shop lists there', async () => {
    const appId = collector.bootstrap!.appId;
    const searches = await collector.store.listSearches(appId, { limit: 1000 });
    expect(searches).toHaveLength(150);
    const byQueryID = new Map(searches.map((s) => [s.queryID, s]));
    for (const search of searches) {
      expect({ query: search.query, nbHits: search.nbHits }).toEqual({
        query: search.query,
        nbHits: (await shopSearch(search.query)).nbHits,
      });
    }

    const { entries } = (await (
      await fetch(`${collector.url}/api/events?limit=1000`, {
        headers: {
          'x-algolia-application-id': appId,
          'x-algolia-api-key': collector.bootstrap!.adminKey,
        },
      })
    ).json()) as { entries: Entry[] };
    let clicks = 0;
    let conversions = 0;
    for (const { event } of entries) {
      if (!event?.queryID || !event.objectIDs) continue;
      const search = byQueryID.get(event.queryID)!;
      const page = await shopSearch(search.query);
      if (event.eventType === 'click') {
        clicks++;
        const at = event.positions![0]!;
        expect(page.hits[at - 1]?.objectID, `${search.query} #${at}`).toBe(event.objectIDs[0]);
      } else {
        conversions++;
        const hit = page.hits.find((h) => h.objectID === event.objectIDs![0]);
        expect(hit, `${search.query}: ${event.objectIDs[0]}`).toBeDefined();
        expect(event.objectData![0]!.price).toBe(hit!.price.toFixed(2));
      }
    }
    expect(clicks).toBeGreaterThan(20);
    expect(conversions).toBeGreaterThan(5);
  });

  it("the dashboard's top hits are products the shop has", async () => {
    const boot = collector.bootstrap!;
    const res = await fetch(`${collector.url}/2/hits?index=demo_products&limit=20`, {
      headers: { 'x-algolia-application-id': boot.appId, 'x-algolia-api-key': boot.adminKey },
    });
    const { hits } = (await res.json()) as { hits: { hit: string }[] };
    expect(hits.length).toBeGreaterThan(5);
    for (const { hit } of hits) {
      expect((await fetch(`${demo.url}/api/products/${encodeURIComponent(hit)}`)).status, hit).toBe(200);
    }
  });
});
