// Unit tests of the platform-free core pieces.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getFunctionalInterface } from '../src/core/command-table.js';
import { createClient } from '../src/core/create-client.js';
import { splitArguments, toPayload } from '../src/core/event-building.js';
import { buildQueryString } from '../src/core/query-string.js';
import {
  createMemoryKeyValueStore,
  createRememberedQueries,
  QUERY_KEY_PREFIX,
  type RememberedQueries,
  type RememberedQueriesOptions,
} from '../src/core/remembered-queries.js';
import { DEFAULTS, endpointOf, resolveOptions, toBoolean } from '../src/core/resolve-options.js';
import type { InsightsEvent, InsightsMethods, RequestFnType } from '../src/core/types.js';
import { createUUID } from '../src/core/uuid.js';
import { createMemoryQueryStore } from '../src/storage/memory-query-store.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('resolveOptions', () => {
  it('fills every field from the one defaults object', () => {
    expect(resolveOptions({}, DEFAULTS)).toEqual({
      appId: undefined,
      apiKey: undefined,
      userHasOptedOut: false,
      anonymousUserToken: true,
      useCookie: false,
      cookieDuration: 15_552_000_000,
      region: undefined,
      host: undefined,
    });
  });
  it('non-partial init resets options to defaults but keeps credentials', () => {
    const first = resolveOptions(
      { appId: 'A', apiKey: 'K', useCookie: true, region: 'de', cookieDuration: 5 },
      DEFAULTS,
    );
    expect(resolveOptions({ host: 'http://h' }, first)).toEqual({
      ...DEFAULTS,
      appId: 'A',
      apiKey: 'K',
      host: 'http://h',
    });
  });
  it('partial init keeps everything not given', () => {
    const first = resolveOptions({ appId: 'A', apiKey: 'K', useCookie: true, region: 'de' }, DEFAULTS);
    // Settings keep every option given (`partial` too), so entries can add their own options.
    expect(resolveOptions({ partial: true, apiKey: 'K2' }, first)).toEqual({
      ...first,
      apiKey: 'K2',
      partial: true,
    });
  });
  it('undefined means "not given" (search-insights copied it and turned anonymous tokens off)', () => {
    expect(resolveOptions({ anonymousUserToken: undefined, cookieDuration: undefined }, DEFAULTS)).toEqual(
      DEFAULTS,
    );
  });
  it('reads string spellings of booleans instead of flipping them', () => {
    const resolved = resolveOptions(
      { userHasOptedOut: 'false', useCookie: 'true', anonymousUserToken: '0' } as never,
      DEFAULTS,
    );
    expect([resolved.userHasOptedOut, resolved.useCookie, resolved.anonymousUserToken]).toEqual([
      false,
      true,
      false,
    ]);
    expect(['false', 'FALSE', ' no ', 'off', '0', ''].map(toBoolean)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(['true', 'yes', '1', 1, true].map(toBoolean)).toEqual([true, true, true, true, true]);
  });
  it('rejects a bad region or cookieDuration with a coded error', () => {
    expect(() => resolveOptions({ region: 'fr' as 'de' }, DEFAULTS)).toThrow(
      expect.objectContaining({ code: 'SL_INIT_REGION', message: expect.stringContaining('got fr') }),
    );
    for (const cookieDuration of [1.5, Number.NaN, Number.POSITIVE_INFINITY, '10' as unknown as number]) {
      expect(() => resolveOptions({ cookieDuration }, DEFAULTS)).toThrow(
        expect.objectContaining({ code: 'SL_INIT_COOKIE_DURATION' }),
      );
    }
    expect(resolveOptions({ cookieDuration: 0 }, DEFAULTS).cookieDuration).toBe(0);
  });
  it('endpoint: host, else region, else the global host', () => {
    expect(endpointOf({ ...DEFAULTS, host: 'http://x:1', region: 'de' })).toBe('http://x:1');
    expect(endpointOf({ ...DEFAULTS, region: 'us' })).toBe('https://insights.us.algolia.io');
    expect(endpointOf({ ...DEFAULTS, host: '' })).toBe('https://insights.algolia.io');
  });
});

describe('sending', () => {
  const purchase = { eventName: 'Bought', index: 'i', objectIDs: ['o'] };
  const make = (requestFn: (url: string, data: object) => unknown) => {
    const client = createClient({
      queries: createMemoryQueryStore(),
      flavor: 't',
      requestFn: requestFn as RequestFnType,
    });
    client.init({ appId: 'A', apiKey: 'K', userToken: 'u' });
    return client;
  };

  it("returns requestFn's own promise, with no extra layer", () => {
    const answer = Promise.resolve(true);
    expect(make(() => answer).clickedObjectIDs({ eventName: 'c', index: 'i', objectIDs: ['o'] })).toBe(
      answer,
    );
  });
  it('always returns a promise: a synchronous requestFn, opted-out users, no events', async () => {
    const client = make(() => true);
    await expect(client.viewedObjectIDs({ eventName: 'v', index: 'i', objectIDs: ['o'] })).resolves.toBe(
      true,
    );
    await expect(client.sendEvents([])).resolves.toBe(false);
    client.init({ appId: 'A', apiKey: 'K', userHasOptedOut: true });
    await expect(client.sendEvents([purchase as InsightsEvent])).resolves.toBe(false);
  });
  it('never throws synchronously: a throwing requestFn or bad input rejects', async () => {
    const client = make(() => {
      throw new Error('transport broke');
    });
    await expect(client.clickedObjectIDs({ eventName: 'c', index: 'i', objectIDs: ['o'] })).rejects.toThrow(
      'transport broke',
    );
    await expect(client.sendEvents('nope' as never)).rejects.toBeInstanceOf(TypeError);
    await expect(
      client.clickedObjectIDsAfterSearch({
        eventName: 'c',
        index: 'i',
        queryID: 'q',
        objectIDs: 'o',
      } as never),
    ).rejects.toBeInstanceOf(TypeError);
  });
  it('forgets purchased objects only once the purchase was accepted', async () => {
    let accept = false;
    const requests: { events: InsightsEvent[] }[] = [];
    const client = make(async (_url, data) => {
      requests.push(data as { events: InsightsEvent[] });
      return accept;
    });
    const queryID = '0123456789abcdef0123456789abcdef';
    await client.clickedObjectIDsAfterSearch({
      eventName: 'c',
      index: 'i',
      queryID,
      objectIDs: ['o'],
      positions: [1],
    });
    await client.purchasedObjectIDs(purchase, { inferQueryID: true }); // refused: still remembered
    accept = true;
    await client.purchasedObjectIDs(purchase, { inferQueryID: true }); // accepted: forgotten
    await client.purchasedObjectIDs(purchase, { inferQueryID: true });
    expect(requests.map((r) => r.events[0]!.objectIDsWithInferredQueryID)).toEqual([
      undefined,
      ['o'],
      ['o'],
      undefined,
    ]);
  });
  it('a rejected purchase request rejects the call and leaves no unhandled rejection', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const client = make(async () => {
        throw new Error('offline');
      });
      await expect(client.purchasedObjectIDs(purchase)).rejects.toThrow('offline');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});

describe('command table', () => {
  const COMMANDS = Object.keys(
    createClient({ queryStore: createMemoryKeyValueStore(), flavor: 't', requestFn: async () => true }),
  );
  const instance = Object.fromEntries(
    COMMANDS.map((name) => [name, (...args: unknown[]) => [name, ...args]]),
  );
  const aa = getFunctionalInterface(instance as unknown as InsightsMethods) as (
    n: string,
    ...a: unknown[]
  ) => unknown;

  it('calls the command and returns its result', () => {
    expect(aa('getUserToken', 1, 2)).toEqual(['getUserToken', 1, 2]);
  });
  it('warns, returns undefined and never throws for unknown names, prototype names included', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'nope', undefined]) {
      expect(aa(name as string)).toBeUndefined();
    }
    expect(warn).toHaveBeenCalledTimes(6);
    expect(warn.mock.calls[0]![0]).toContain('`constructor`');
  });
  it('lists every method of the search-insights API', () => {
    expect(COMMANDS).toHaveLength(24);
    expect(new Set(COMMANDS).size).toBe(24);
  });
});

// One contract, both stores: over a KeyValueStore (localStorage in browsers) and in memory (Node).
const QUERY_STORES: [string, (options?: RememberedQueriesOptions) => RememberedQueries][] = [
  ['over a KeyValueStore', (options) => createRememberedQueries(createMemoryKeyValueStore(), options)],
  ['in memory (Node)', createMemoryQueryStore],
];

for (const [name, make] of QUERY_STORES) {
  describe(`remembered-query store ${name}`, () => {
    it('keys by (index, objectID) without collisions', () => {
      const store = make();
      store.remember('a_b', 'c', 'q1');
      store.remember('a', 'b_c', 'q2');
      store.remember('a:b', 'c', 'q3');
      store.remember('a', 'b:c', 'q4');
      expect([
        store.recall('a_b', 'c'),
        store.recall('a', 'b_c'),
        store.recall('a', 'b'),
        store.recall('a:b', 'c'),
        store.recall('a', 'b:c'),
      ]).toEqual(['q1', 'q2', undefined, 'q3', 'q4']);
    });
    it('keeps queryIDs containing the separator whole', () => {
      const store = make();
      store.remember('i', 'o', 'q:with:colons');
      expect(store.recall('i', 'o')).toBe('q:with:colons');
    });
    it('is bounded in entries, evicting the oldest (re-remembering refreshes)', () => {
      const store = make({ maxEntries: 3 });
      for (const id of ['1', '2', '3']) store.remember('i', id, `q${id}`);
      store.remember('i', '1', 'q1b');
      store.remember('i', '4', 'q4');
      expect(['1', '2', '3', '4'].map((id) => store.recall('i', id))).toEqual(['q1b', undefined, 'q3', 'q4']);
    });
    it('stays bounded over many clicks: the newest are kept, in order', () => {
      const store = make({ maxEntries: 100 });
      for (let n = 0; n < 1_000; n++) store.remember(`index-${n % 3}`, `o${n}`, `q${n}`);
      expect(store.recall('index-0', 'o0')).toBeUndefined();
      expect(store.recall('index-1', 'o899')).toBeUndefined();
      expect(store.recall('index-0', 'o900')).toBe('q900');
      expect(store.recall('index-0', 'o999')).toBe('q999');
    });
    it('is bounded in age', async () => {
      vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
      const store = make({ maxAgeMs: 100 });
      store.remember('i', 'o', 'q');
      await Promise.resolve(); // a later task
      vi.setSystemTime(1_700_000_000_099);
      expect(store.recall('i', 'o')).toBe('q');
      vi.setSystemTime(1_700_000_000_100);
      expect(store.recall('i', 'o')).toBeUndefined();
      vi.setSystemTime(1_700_000_000_000);
      expect(store.recall('i', 'o')).toBeUndefined(); // dropped, not only hidden
    });
    it('forget and clear remove entries', () => {
      const store = make();
      store.remember('i', 'a', 'q');
      store.remember('i', 'b', 'q');
      store.remember('j', 'a', 'q');
      store.forget('i', ['a', 'never-remembered']);
      expect([store.recall('i', 'a'), store.recall('i', 'b'), store.recall('j', 'a')]).toEqual([
        undefined,
        'q',
        'q',
      ]);
      store.clear();
      expect([store.recall('i', 'b'), store.recall('j', 'a')]).toEqual([undefined, undefined]);
      store.remember('i', 'b', 'q2');
      expect(store.recall('i', 'b')).toBe('q2');
    });
  });
}

describe('remembered-query store in memory (Node)', () => {
  it('evicts forgotten and refreshed entries correctly once full', () => {
    const store = createMemoryQueryStore({ maxEntries: 2 });
    store.remember('i', 'a', 'qa');
    store.remember('i', 'b', 'qb');
    store.forget('i', ['a']);
    store.remember('i', 'c', 'qc'); // room left by the forgotten one: nothing evicted
    expect([store.recall('i', 'b'), store.recall('i', 'c')]).toEqual(['qb', 'qc']);
    store.remember('i', 'b', 'qb2'); // refresh: c is now the oldest
    store.remember('i', 'd', 'qd');
    expect(['b', 'c', 'd'].map((id) => store.recall('i', id))).toEqual(['qb2', undefined, 'qd']);
  });
  it('with maxEntries 0 keeps nothing', () => {
    const store = createMemoryQueryStore({ maxEntries: 0 });
    store.remember('i', 'a', 'q');
    store.remember('i', 'b', 'q');
    expect([store.recall('i', 'a'), store.recall('i', 'b')]).toEqual([undefined, undefined]);
  });
  it('stamps each entry with the time of its task, not of an earlier one', async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    const store = createMemoryQueryStore({ maxAgeMs: 1_000 });
    store.remember('i', 'early', 'q');
    await Promise.resolve();
    vi.setSystemTime(1_700_000_000_900);
    store.remember('i', 'late', 'q');
    await Promise.resolve();
    vi.setSystemTime(1_700_000_001_500);
    expect([store.recall('i', 'early'), store.recall('i', 'late')]).toEqual([undefined, 'q']);
  });
});

describe('remembered-query store over a KeyValueStore', () => {
  it('loads what earlier pages stored, oldest first, and drops junk and expired entries', () => {
    vi.useFakeTimers({ now: 1_700_000_001_000 });
    const persist = createMemoryKeyValueStore();
    persist.set(`${QUERY_KEY_PREFIX}1:i:new`, '1700000000900:qn');
    persist.set(`${QUERY_KEY_PREFIX}1:i:old`, '1700000000800:qo');
    persist.set(`${QUERY_KEY_PREFIX}1:i:junk`, '{not json');
    persist.set(`${QUERY_KEY_PREFIX}1:i:older-format`, JSON.stringify(['qj', 1_700_000_000_900]));
    persist.set(`${QUERY_KEY_PREFIX}1:i:expired`, '1700000000001:qe');
    persist.set('unrelated', 'kept');
    const store = createRememberedQueries(persist, { maxEntries: 2, maxAgeMs: 500 });
    store.remember('i', 'fresh', 'qf');
    expect(persist.keys().sort()).toEqual([
      `${QUERY_KEY_PREFIX}1:i:fresh`,
      `${QUERY_KEY_PREFIX}1:i:new`,
      'unrelated',
    ]);
  });
  it('reads through to storage written by another tab', () => {
    const persist = createMemoryKeyValueStore();
    const tab1 = createRememberedQueries(persist);
    const tab2 = createRememberedQueries(persist);
    tab1.recall('i', 'o');
    tab2.remember('i', 'o', 'q');
    expect(tab1.recall('i', 'o')).toBe('q');
  });
  it('clear removes its entries only, leaving unrelated keys alone', () => {
    const persist = createMemoryKeyValueStore();
    persist.set('other', 'x');
    const store = createRememberedQueries(persist);
    store.remember('i', 'a', 'q');
    store.remember('i', 'b', 'q');
    store.forget('i', ['a']);
    expect(store.recall('i', 'a')).toBeUndefined();
    store.clear();
    expect(persist.keys()).toEqual(['other']);
  });
});

describe('query string', () => {
  it('percent-encodes every key and value', () => {
    expect(buildQueryString({ 'X-Algolia-API-Key': 'a&b=c#d+e f', 'X y': 'ü', n: 1 })).toBe(
      'X-Algolia-API-Key=a%26b%3Dc%23d%2Be%20f&X%20y=%C3%BC&n=1',
    );
  });
});

describe('event building', () => {
  it('splits events (objects with an index) from additional params; ignores primitives', () => {
    const e1 = { index: 'i', eventName: 'a' };
    const params = { headers: { a: 'b' } };
    expect(splitArguments([e1, null, 3, params, 'x', undefined])).toEqual([[e1], params]);
  });
  it('puts the type first so an event field of the same name wins, and copies every event', () => {
    const event = { eventType: 'view', index: 'i' };
    const [payload] = toPayload([event], 'conversion', 'purchase', undefined, undefined);
    expect(payload).toEqual({ eventType: 'view', eventSubtype: 'purchase', index: 'i' });
    expect(payload).not.toBe(event);
    expect(event).toEqual({ eventType: 'view', index: 'i' });
  });
  it('infers only for conversions without queryID, only where something is remembered', () => {
    const recall = (index: string, objectID: string) => (objectID === 'a' ? `q-${index}` : undefined);
    const conversion = {
      eventType: 'conversion',
      eventName: 'c',
      index: 'i',
      objectIDs: ['a', 'b'],
    } as InsightsEvent;
    const infer = (event: object) => toPayload([event], undefined, undefined, 'u', undefined, recall)[0];
    expect(infer(conversion)).toEqual({
      ...conversion,
      objectData: [{ queryID: 'q-i' }, { queryID: undefined }],
      objectIDsWithInferredQueryID: ['a'],
      userToken: 'u',
    });
    expect(Object.keys(infer(conversion)!)).toEqual([
      'eventType',
      'eventSubtype',
      'eventName',
      'index',
      'objectIDs',
      'objectData',
      'objectIDsWithInferredQueryID',
      'userToken',
      'authenticatedUserToken',
    ]);
    expect(infer({ ...conversion, queryID: 'x' })).toEqual({ ...conversion, queryID: 'x', userToken: 'u' });
    expect(infer({ ...conversion, objectIDs: ['b'] })).toEqual({
      ...conversion,
      objectIDs: ['b'],
      userToken: 'u',
    });
    expect(infer({ ...conversion, eventType: 'click' })).not.toHaveProperty('objectData');
    // Without inferQueryID (no recall), nothing is looked up.
    expect(toPayload([conversion], undefined, undefined, 'u', undefined)[0]).not.toHaveProperty('objectData');
  });
  it('fills tokens where the event has none and encodes filters, last', () => {
    const event = { eventType: 'click', eventName: 'c', index: 'i', filters: ['brand:a b'] } as InsightsEvent;
    const [payload] = toPayload([event], undefined, undefined, 'u', undefined);
    expect(payload).toEqual({
      eventType: 'click',
      eventName: 'c',
      index: 'i',
      userToken: 'u',
      authenticatedUserToken: undefined,
      filters: ['brand%3Aa%20b'],
    });
    expect(Object.keys(payload!).at(-1)).toBe('filters');
    expect(toPayload([{ ...event, userToken: 'own' }], undefined, undefined, 'u', 'a')[0]).toMatchObject({
      userToken: 'own',
      authenticatedUserToken: 'a',
    });
  });
});

describe('createUUID', () => {
  const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  it('makes v4 UUIDs from getRandomValues alone (no randomUUID)', () => {
    const getRandomValues = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    const ids = new Set(Array.from({ length: 200 }, () => createUUID({ getRandomValues } as Crypto)));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(V4);
  });
  it('returns undefined without Web Crypto instead of falling back to Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    expect(createUUID({} as Crypto)).toBeUndefined();
    vi.stubGlobal('crypto', undefined);
    expect(createUUID()).toBeUndefined();
    expect(random).not.toHaveBeenCalled();
  });
});
