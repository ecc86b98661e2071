import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningCollector } from '../../../packages/collector/src/index.js';
import { DemoError, type DemoServer, type SearchResponse, startDemo } from '../src/server/index.js';
import { ORIGINAL_UMD, startShopFor, startTempCollector } from './helpers/shop-rig.js';

// Uses the built pages (examples/demo/dist/web) and the built client; tests run after the build.
describe('demo server', () => {
  let rig: Awaited<ReturnType<typeof startTempCollector>>;
  let collector: RunningCollector;
  let demo: DemoServer;
  let appId: string;

  beforeAll(async () => {
    rig = await startTempCollector('sightline-demo-');
    collector = rig.collector;
    appId = collector.bootstrap!.appId;
    demo = await startShopFor(collector, `${collector.url}/`);
  });
  afterAll(async () => {
    await demo?.close();
    await rig?.close();
  });

  async function search(params: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await fetch(`${demo.url}/api/search?${new URLSearchParams(params)}`, { headers });
    return {
      status: response.status,
      body: (await response.json()) as SearchResponse & { code?: string; message?: string },
    };
  }

  async function reportedSearch(queryID: string) {
    for (let tries = 0; tries < 100; tries++) {
      const found = (await collector.store.listSearches(appId, { limit: 100 })).find(
        (s) => s.queryID === queryID,
      );
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`search ${queryID} was never reported`);
  }

  it('answers a search with a fresh queryID and absolute positions, and reports it to the collector', async () => {
    const first = await search({ q: 'iphone', page: '1', hitsPerPage: '4', userToken: 'user-1' });
    const again = await search({ q: 'iphone', page: '1', hitsPerPage: '4', userToken: 'user-1' });
    expect(first.status).toBe(200);
    expect(first.body.queryID).toMatch(/^[0-9a-f]{32}$/);
    expect(again.body.queryID).not.toBe(first.body.queryID);
    expect(first.body).toMatchObject({ query: 'iphone', page: 1, hitsPerPage: 4, index: 'demo_products' });
    expect(first.body.hits.map((h) => h.position)).toEqual([5, 6, 7, 8]);
    expect(await reportedSearch(first.body.queryID)).toMatchObject({
      index: 'demo_products',
      query: 'iphone',
      nbHits: first.body.nbHits,
      userToken: 'user-1',
    });
  });

  it('tags each reported search with its platform, from the User-Agent', async () => {
    const phone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';
    const laptop = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36';
    const mobile = await search({ q: 'tv' }, { 'user-agent': phone });
    const desktop = await search({ q: 'tv' }, { 'user-agent': laptop });
    expect((await reportedSearch(mobile.body.queryID)).analyticsTags).toEqual(['platform:mobile']);
    expect((await reportedSearch(desktop.body.queryID)).analyticsTags).toEqual(['platform:desktop']);
  });

  it('takes the user token from the _ALGOLIA cookie when the page has none yet', async () => {
    const { body } = await search({ q: 'cooktop' }, { cookie: 'other=%E0%A4%A; _ALGOLIA=anonymous-abc' });
    expect((await reportedSearch(body.queryID)).userToken).toBe('anonymous-abc');
  });

  it('refuses bad paging parameters with a coded error', async () => {
    const { status, body } = await search({ q: 'tv', hitsPerPage: '1000' });
    expect(status).toBe(400);
    expect(body.code).toBe('DEMO_BAD_PARAMETER');
    expect(body.message).toContain('hitsPerPage');
  });

  it('serves suggestions and products', async () => {
    const suggest = (await (await fetch(`${demo.url}/api/suggest?q=chrome`)).json()) as {
      suggestions: { query: string }[];
    };
    expect(suggest.suggestions[0]?.query).toBe('chromecast');
    const product = await fetch(`${demo.url}/api/products/lg-cooktop`);
    expect(await product.json()).toMatchObject({ objectID: 'lg-cooktop', name: 'LG Cooktop' });
    expect((await fetch(`${demo.url}/api/products/nope`)).status).toBe(404);
    expect((await fetch(`${demo.url}/api/products/%E0%A4%A`)).status).toBe(404);
  });

  it('serves the shop page with its configuration, and the client at /insights.js', async () => {
    for (const path of ['/', '/search?q=x', '/product/lg-cooktop', '/cart']) {
      const html = await (await fetch(`${demo.url}${path}`)).text();
      expect(html).toContain(`"appId":"${appId}"`);
      expect(html).toContain(`"host":"${collector.url}"`);
      expect(html).toContain("window.AlgoliaAnalyticsObject = 'aa'");
      expect(html).toContain('<script async src="/insights.js"></script>');
    }
    const script = await fetch(`${demo.url}/insights.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toBe(readFileSync(ORIGINAL_UMD, 'utf8'));
  });

  it('never serves files outside its web root', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/../../../package.json']) {
      expect((await fetch(`${demo.url}${path}`)).status).toBe(404);
    }
  });

  it('keeps searching when the collector is down, and logs the failed report', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const lonely = await startDemo({
      port: 0,
      collectorUrl: 'http://127.0.0.1:9', // discard port: nothing listens
      appId: 'APP',
      searchApiKey: 'KEY',
      clientScript: ORIGINAL_UMD,
    });
    let status: number;
    try {
      status = (await fetch(`${lonely.url}/api/search?q=tv`)).status;
    } finally {
      await lonely.close(); // also waits for the pending report
    }
    const warnings = warn.mock.calls.map((args) => String(args[0]));
    warn.mockRestore();
    expect(status).toBe(200);
    expect(warnings).toContainEqual(expect.stringContaining('search report failed'));
  });

  it('refuses to start without credentials, with a fix', async () => {
    const missing = startDemo({
      collectorUrl: collector.url,
      appId: '',
      searchApiKey: 'k',
      clientScript: ORIGINAL_UMD,
    });
    await expect(missing).rejects.toThrow(DemoError);
    await expect(missing).rejects.toMatchObject({
      code: 'DEMO_OPTION_MISSING',
      message: expect.stringContaining('Fix:'),
    });
  });
});
