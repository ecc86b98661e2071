import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { insightsClient } from '@algolia/client-insights';
import * as searchInsights from 'search-insights';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebuggerEntry } from '../src/index.js';
import { QUERY_ID, startTestCollector, type TestCollector } from './helpers/test-collector.js';

type Feed = { entries: DebuggerEntry[] };

/**
 * search-insights' package.json puts a top-level `types` (the browser typings) before its `node`
 * condition, so TypeScript sees the browser entry; at run time Node loads the node entry. This is
 * the part of the node entry's surface these tests use.
 */
type RequestFn = (url: string, data: object) => Promise<boolean>;
interface NodeEntry {
  createInsightsClient(requestFn: RequestFn): searchInsights.InsightsClient;
  getRequesterForNode(): RequestFn;
}
const { createInsightsClient, getRequesterForNode } = searchInsights as unknown as NodeEntry;

/**
 * The reference clients pointed at the collector. search-insights' Node requester (the CommonJS
 * build's `http.request` path) passes `host: "127.0.0.1:<port>"` to http.request, which resolves
 * that whole string as a host name: it cannot reach any host with an explicit port. Its ESM build
 * has no `require`, so getRequesterForNode() falls back to fetch, which works. Both facts are
 * checked here so a change in the reference shows up.
 */
describe('the original clients against the collector', () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector();
  });
  afterAll(() => t.close());

  async function newest(n: number): Promise<DebuggerEntry[]> {
    return (await t.getJson<Feed>(`/api/events?limit=${n}`)).entries;
  }

  it('search-insights (ESM, fetch requester) sends events the collector accepts', async () => {
    const aa = createInsightsClient(getRequesterForNode());
    aa('init', { appId: t.appId, apiKey: t.searchKey, host: t.url, userToken: 'si-user' });
    await aa('clickedObjectIDsAfterSearch', {
      index: 'products',
      eventName: 'Clicked',
      queryID: QUERY_ID,
      objectIDs: ['a', 'b'],
      positions: [1, 2],
    });
    await aa('convertedObjectIDs', { index: 'products', eventName: 'Bought', objectIDs: ['a'] });
    await aa('viewedFilters', { index: 'products', eventName: 'Viewed', filters: ['brand:Apple'] });
    await aa('purchasedObjectIDsAfterSearch', {
      index: 'products',
      eventName: 'Purchased',
      objectIDs: ['a'],
      objectData: [{ queryID: QUERY_ID, price: 10, quantity: 1 }],
      value: 10,
      currency: 'USD',
    });
    const entries = await newest(4);
    expect(entries.map((e) => [e.status, e.accepted])).toEqual(Array(4).fill([200, true]));
    expect(entries.every((e) => (e.event as { userToken: string }).userToken === 'si-user')).toBe(true);
    expect(entries[0]!.headers.agent).toMatch(/^insights-js \(2\.\d+\.\d+\)/);
    // search-insights URL-encodes the whole filter; it is stored as sent.
    expect(
      entries.find((e) => (e.event as { eventName: string }).eventName === 'Viewed')!.event,
    ).toMatchObject({ filters: ['brand%3AApple'] });
  });

  it('search-insights: a refused event resolves the call false-y and is recorded with its reason', async () => {
    const aa = createInsightsClient(getRequesterForNode());
    aa('init', { appId: t.appId, apiKey: t.searchKey, host: t.url, userToken: 'not valid!' });
    await aa('clickedObjectIDs', { index: 'products', eventName: 'Clicked', objectIDs: ['a'] });
    const [entry] = await newest(1);
    expect(entry).toMatchObject({ status: 422, accepted: false });
    expect(entry!.errors[0]!.code).toBe('USER_TOKEN_INVALID');
  });

  it('search-insights CommonJS node-http requester cannot reach a host with a port (documented limitation)', async () => {
    const require = createRequire(import.meta.url);
    const cjs = require('search-insights') as NodeEntry;
    const requester = cjs.getRequesterForNode();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args[0]);
    try {
      await expect(
        requester(`${t.url}/1/events?X-Algolia-Application-Id=${t.appId}&X-Algolia-API-Key=${t.searchKey}`, {
          events: [],
        }),
      ).rejects.toMatchObject({
        code: 'ENOTFOUND',
      });
    } finally {
      console.error = original;
    }
  });

  it('search-insights with a custom requestFn over node:http works with any host', async () => {
    const requestFn = (url: string, data: object) =>
      new Promise<boolean>((resolve, reject) => {
        const body = JSON.stringify(data);
        const req = httpRequest(
          url,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode === 200);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const aa = createInsightsClient(requestFn);
    aa('init', { appId: t.appId, apiKey: t.searchKey, host: t.url, userToken: 'custom-fn' });
    await aa('viewedObjectIDs', { index: 'products', eventName: 'Viewed', objectIDs: ['ü-1'] });
    const [entry] = await newest(1);
    expect(entry).toMatchObject({ status: 200, event: { userToken: 'custom-fn', objectIDs: ['ü-1'] } });
  });

  function algolia(options: { compression?: 'gzip' } = {}) {
    const port = Number(new URL(t.url).port);
    return insightsClient(t.appId, t.adminKey, undefined, {
      hosts: [{ url: '127.0.0.1', port, protocol: 'http', accept: 'readWrite' }],
      ...options,
    });
  }

  it('@algolia/client-insights pushEvents: the exact success body, and a 422 surfaces as an ApiError', async () => {
    const client = algolia();
    const ok = await client.pushEvents({
      events: [
        {
          eventType: 'click',
          eventName: 'Clicked',
          index: 'products',
          userToken: 'v5-user',
          objectIDs: ['a'],
          queryID: QUERY_ID,
          positions: [4],
        },
        {
          eventType: 'view',
          eventName: 'Viewed',
          index: 'products',
          userToken: 'v5-user',
          authenticatedUserToken: 'v5-auth',
          objectIDs: ['b'],
        },
      ],
    });
    expect(ok).toEqual({ status: 200, message: 'OK' });
    const [entry] = await newest(1);
    expect(entry!.headers.agent).toMatch(/Algolia for JavaScript/);
    await expect(
      client.pushEvents({
        events: [
          {
            eventType: 'view',
            eventName: 'Viewed',
            index: 'products',
            userToken: 'has space',
            objectIDs: ['b'],
          },
        ],
      }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/userToken.*Fix:/) });
  });

  it('@algolia/client-insights with gzip compression: large bodies arrive compressed and are accepted', async () => {
    const client = algolia({ compression: 'gzip' });
    const events = Array.from({ length: 30 }, (_, i) => ({
      eventType: 'view' as const,
      eventName: 'Viewed',
      index: 'products',
      userToken: 'gzip-user',
      objectIDs: [`object-${i}`],
    }));
    expect(await client.pushEvents({ events })).toEqual({ status: 200, message: 'OK' });
    expect((await t.getJson<Feed>('/api/events?userToken=gzip-user&limit=100')).entries).toHaveLength(30);
  });

  it('@algolia/client-insights deleteUserToken removes the user and authenticated token events', async () => {
    const client = algolia();
    await client.deleteUserToken({ userToken: 'v5-user' });
    expect((await t.getJson<Feed>('/api/events?userToken=v5-user')).entries).toEqual([]);
    await client.deleteUserToken({ userToken: 'v5-auth' });
    expect((await t.getJson<Feed>('/api/events?userToken=v5-auth')).entries).toEqual([]);
  });
});
