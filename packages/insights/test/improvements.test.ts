// "Deliberately better" (client.md §5), Node side, each against the oracle where it shows the defect.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AlgoliaAnalytics,
  createInsightsClient,
  createMemoryKeyValueStore,
  createMemoryTokenStore,
  getFunctionalInterface,
  getRequesterForNode,
} from '../src/entry/node.js';
import { type CaptureServer, startCaptureServer } from './helpers/capture-server.js';

const require = createRequire(import.meta.url);
const oracle = require('search-insights') as { createInsightsClient: typeof createInsightsClient };
const fetchRequest = (url: string, data: object) =>
  fetch(url, { method: 'POST', body: JSON.stringify(data) }).then((r) => r.status === 200);

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());

const QID = '0123456789abcdef0123456789abcdef';
const event = { eventName: 'Clicked', index: 'products', objectIDs: ['p1'] };
type AnyAa = (name: string, ...args: unknown[]) => unknown;

describe('deliberately better than search-insights (Node)', () => {
  it('encodes credentials, agent and extra headers in the query string', async () => {
    const creds = { appId: 'APP', apiKey: 'k&ey=1#x+y' };
    const extra = { headers: { 'X-Trace': 'a&b c' } };
    server.requests.length = 0;
    const theirs = oracle.createInsightsClient(fetchRequest) as unknown as AnyAa;
    theirs('init', { ...creds, host: server.url, userToken: 'u' });
    await theirs('clickedObjectIDs', event, extra);
    const ours = createInsightsClient(getRequesterForNode()) as unknown as AnyAa;
    ours('init', { ...creds, host: server.url, userToken: 'u' });
    await ours('clickedObjectIDs', event, extra);
    const [oracleRequest, ourRequest] = server.requests;
    const param = (q: [string, string][], key: string) => q.find(([k]) => k === key)?.[1];
    expect(param(oracleRequest!.query, 'X-Algolia-API-Key')).not.toBe('k&ey=1#x+y');
    expect(param(ourRequest!.query, 'X-Algolia-API-Key')).toBe('k&ey=1#x+y');
    expect(param(ourRequest!.query, 'X-Trace')).toBe('a&b c');
  });

  it('keeps remembered queries per client: users of one server never share them', async () => {
    server.requests.length = 0;
    const alice = createInsightsClient(getRequesterForNode());
    const bob = createInsightsClient(getRequesterForNode());
    for (const [aa, user] of [
      [alice, 'alice'],
      [bob, 'bob'],
    ] as const) {
      aa('init', { appId: 'A', apiKey: 'K', host: server.url, userToken: user });
    }
    await alice('clickedObjectIDsAfterSearch', { ...event, queryID: QID, positions: [1] });
    await bob('purchasedObjectIDs', { ...event, eventName: 'Bought' }, { inferQueryID: true });
    await alice('purchasedObjectIDs', { ...event, eventName: 'Bought' }, { inferQueryID: true });
    const bodies = server.requests.map((r) => (r.body as { events: Record<string, unknown>[] }).events[0]!);
    expect(bodies[1]!.objectIDsWithInferredQueryID).toBeUndefined();
    expect(bodies[2]).toMatchObject({ objectData: [{ queryID: QID }], objectIDsWithInferredQueryID: ['p1'] });
  });

  it('a queryStore given to the Node client is used instead of its own memory', async () => {
    const queryStore = createMemoryKeyValueStore();
    const instance = new AlgoliaAnalytics({ requestFn: async () => true, queryStore });
    instance.init({ appId: 'A', apiKey: 'K', userToken: 'u' });
    await instance.clickedObjectIDsAfterSearch({ ...event, queryID: QID, positions: [1] });
    expect(queryStore.keys()).toHaveLength(1);
    const requests: { events: Record<string, unknown>[] }[] = [];
    const other = new AlgoliaAnalytics({
      requestFn: async (_url, data) => Boolean(requests.push(data as (typeof requests)[number])),
      queryStore,
    });
    other.init({ appId: 'A', apiKey: 'K', userToken: 'u' });
    await other.purchasedObjectIDs({ ...event, eventName: 'Bought' }, { inferQueryID: true });
    expect(requests[0]!.events[0]).toMatchObject({ objectIDsWithInferredQueryID: ['p1'] });
  });

  it('opting out removes the stored token and the remembered queries', async () => {
    server.requests.length = 0;
    const tokenStore = createMemoryTokenStore();
    const instance = new AlgoliaAnalytics({ requestFn: getRequesterForNode(), tokenStore });
    const aa = getFunctionalInterface(instance) as unknown as AnyAa;
    aa('init', { appId: 'A', apiKey: 'K', host: server.url, useCookie: true });
    expect(tokenStore.get()).toMatch(/^anonymous-/);
    await aa('clickedObjectIDsAfterSearch', { ...event, queryID: QID, positions: [1] });
    aa('init', { appId: 'A', apiKey: 'K', host: server.url, userHasOptedOut: true });
    expect(tokenStore.get()).toBeUndefined();
    aa('init', { appId: 'A', apiKey: 'K', host: server.url });
    await aa('purchasedObjectIDs', event, { inferQueryID: true });
    expect((server.requests[1]!.body as { events: object[] }).events[0]).not.toHaveProperty('objectData');
  });

  it('agents added with addAlgoliaAgent survive a later init', async () => {
    server.requests.length = 0;
    for (const make of [
      () => oracle.createInsightsClient(fetchRequest),
      () => createInsightsClient(getRequesterForNode()),
    ]) {
      const aa = make() as unknown as AnyAa;
      aa('addAlgoliaAgent', 'instantsearch.js (4.0.0)');
      aa('init', { appId: 'A', apiKey: 'K', host: server.url, userToken: 'u' });
      await aa('clickedObjectIDs', event);
    }
    const agents = server.requests.map((r) => r.query.find(([k]) => k === 'X-Algolia-Agent')![1]);
    expect(agents[0]).not.toContain('instantsearch.js');
    expect(agents[1]).toContain('instantsearch.js (4.0.0)');
  });

  it("string booleans like 'false' do not opt users out", async () => {
    server.requests.length = 0;
    for (const make of [
      () => oracle.createInsightsClient(fetchRequest),
      () => createInsightsClient(getRequesterForNode()),
    ]) {
      const aa = make() as unknown as AnyAa;
      aa('init', { appId: 'A', apiKey: 'K', host: server.url, userToken: 'u', userHasOptedOut: 'false' });
      await aa('clickedObjectIDs', event);
    }
    expect(server.requests).toHaveLength(1); // only Sightline sent: the oracle read 'false' as true
    expect(server.requests[0]!.query.find(([k]) => k === 'X-Algolia-Agent')![1]).toContain('sightline');
  });

  it('event methods never throw synchronously: missing credentials reject with a coded error', async () => {
    const theirs = oracle.createInsightsClient(fetchRequest) as unknown as AnyAa;
    expect(() => theirs('clickedObjectIDs', event)).toThrow();
    const ours = createInsightsClient(getRequesterForNode()) as unknown as AnyAa;
    let result: unknown;
    expect(() => {
      result = ours('clickedObjectIDs', event);
    }).not.toThrow();
    await expect(result).rejects.toMatchObject({
      code: 'SL_NO_CREDENTIALS',
      message: expect.stringContaining('Fix:'),
    });
    await expect(ours('sendEvents', 'not an array')).rejects.toBeInstanceOf(Error);
  });

  it("aa('constructor') warns instead of throwing", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const theirs = oracle.createInsightsClient(fetchRequest) as unknown as AnyAa;
    expect(() => theirs('constructor')).toThrow();
    const ours = createInsightsClient(getRequesterForNode()) as unknown as AnyAa;
    expect(ours('constructor')).toBeUndefined();
    expect(warn).toHaveBeenCalledWith("The method `constructor` doesn't exist.");
    warn.mockRestore();
  });
});

describe('opting out removes the _ALGOLIA cookie whatever domain it was written with', () => {
  it('expires it host-only and for every parent domain of the page', async () => {
    const { expireCookieEverywhere } = await import('../src/storage/cookie-token-store.js');
    const written: string[] = [];
    vi.stubGlobal('location', { hostname: 'www.shop.example' });
    vi.stubGlobal('document', {
      set cookie(value: string) {
        written.push(value);
      },
    });
    try {
      expireCookieEverywhere();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(written).toEqual([
      '_ALGOLIA=;max-age=0;path=/',
      '_ALGOLIA=;max-age=0;path=/;domain=www.shop.example',
      '_ALGOLIA=;max-age=0;path=/;domain=shop.example',
      '_ALGOLIA=;max-age=0;path=/;domain=example',
    ]);
  });

  it('never throws where cookies are off limits', async () => {
    const { expireCookieEverywhere } = await import('../src/storage/cookie-token-store.js');
    vi.stubGlobal('location', { hostname: 'shop.example' });
    vi.stubGlobal('document', {
      set cookie(_: string) {
        throw new Error('SecurityError');
      },
    });
    try {
      expect(() => expireCookieEverywhere()).not.toThrow();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
