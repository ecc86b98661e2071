// Unit tests of the platform-free core pieces.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getFunctionalInterface } from '../src/core/command-table.js';
import { createClient } from '../src/core/create-client.js';
import { inferQueryIDs, splitArguments, toPayload, withType } from '../src/core/event-building.js';
import { buildQueryString } from '../src/core/query-string.js';
import {
  createMemoryKeyValueStore,
  createRememberedQueries,
  QUERY_KEY_PREFIX,
} from '../src/core/remembered-queries.js';
import { DEFAULTS, endpointOf, resolveOptions, toBoolean } from '../src/core/resolve-options.js';
import type { InsightsEvent, InsightsMethods } from '../src/core/types.js';
import { createUUID } from '../src/core/uuid.js';

afterEach(() => vi.restoreAllMocks());

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
    expect(resolveOptions({ partial: true, apiKey: 'K2' }, first)).toEqual({ ...first, apiKey: 'K2' });
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

describe('remembered-query store', () => {
  const make = (options: Partial<Parameters<typeof createRememberedQueries>[0]> = {}) =>
    createRememberedQueries({ persist: createMemoryKeyValueStore(), ...options });

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
  it('is bounded in entries, evicting the oldest (re-remembering refreshes)', () => {
    const store = make({ maxEntries: 3 });
    for (const id of ['1', '2', '3']) store.remember('i', id, `q${id}`);
    store.remember('i', '1', 'q1b');
    store.remember('i', '4', 'q4');
    expect(['1', '2', '3', '4'].map((id) => store.recall('i', id))).toEqual(['q1b', undefined, 'q3', 'q4']);
  });
  it('is bounded in age', () => {
    let now = 1_000;
    const persist = createMemoryKeyValueStore();
    const store = createRememberedQueries({ persist, maxAgeMs: 100, now: () => now });
    store.remember('i', 'o', 'q');
    now = 1_099;
    expect(store.recall('i', 'o')).toBe('q');
    now = 1_100;
    expect(store.recall('i', 'o')).toBeUndefined();
    expect(persist.keys()).toEqual([]);
  });
  it('loads what earlier pages stored, oldest first, and drops junk and expired entries', () => {
    const persist = createMemoryKeyValueStore();
    persist.set(`${QUERY_KEY_PREFIX}1:i:new`, '900:qn');
    persist.set(`${QUERY_KEY_PREFIX}1:i:old`, '800:qo');
    persist.set(`${QUERY_KEY_PREFIX}1:i:junk`, '{not json');
    persist.set(`${QUERY_KEY_PREFIX}1:i:older-format`, JSON.stringify(['qj', 900]));
    persist.set(`${QUERY_KEY_PREFIX}1:i:expired`, '1:qe');
    persist.set('unrelated', 'kept');
    const store = createRememberedQueries({ persist, maxEntries: 2, maxAgeMs: 500, now: () => 1_000 });
    store.remember('i', 'fresh', 'qf');
    expect(persist.keys().sort()).toEqual([
      `${QUERY_KEY_PREFIX}1:i:fresh`,
      `${QUERY_KEY_PREFIX}1:i:new`,
      'unrelated',
    ]);
  });
  it('reads through to storage written by another tab', () => {
    const persist = createMemoryKeyValueStore();
    const tab1 = createRememberedQueries({ persist });
    const tab2 = createRememberedQueries({ persist });
    tab1.recall('i', 'o');
    tab2.remember('i', 'o', 'q');
    expect(tab1.recall('i', 'o')).toBe('q');
  });
  it('forget and clear remove entries, leaving unrelated keys alone', () => {
    const persist = createMemoryKeyValueStore();
    persist.set('other', 'x');
    const store = createRememberedQueries({ persist });
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
  it('splits events (objects with an index) from additional params; ignores non-objects', () => {
    const e1 = { index: 'i', eventName: 'a' };
    const params = { headers: { a: 'b' } };
    expect(splitArguments([e1, null, 3, params, 'x'])).toEqual({ events: [e1], additionalParams: params });
  });
  it('puts the type first so an event field of the same name wins', () => {
    expect(withType('conversion', 'purchase', [{ eventType: 'view' }])).toEqual([
      { eventType: 'view', eventSubtype: 'purchase' },
    ]);
  });
  it('infers only for conversions without queryID, only where something is remembered', () => {
    const recall = (index: string, objectID: string) => (objectID === 'a' ? `q-${index}` : undefined);
    const conversion = {
      eventType: 'conversion',
      eventName: 'c',
      index: 'i',
      objectIDs: ['a', 'b'],
    } as InsightsEvent;
    expect(inferQueryIDs([conversion], recall)).toEqual([
      {
        ...conversion,
        objectData: [{ queryID: 'q-i' }, { queryID: undefined }],
        objectIDsWithInferredQueryID: ['a'],
      },
    ]);
    expect(inferQueryIDs([{ ...conversion, queryID: 'x' }], recall)[0]).toEqual({
      ...conversion,
      queryID: 'x',
    });
    expect(inferQueryIDs([{ ...conversion, objectIDs: ['b'] }], recall)[0]).toEqual({
      ...conversion,
      objectIDs: ['b'],
    });
  });
  it('fills tokens and encodes filters', () => {
    const event = { eventType: 'click', eventName: 'c', index: 'i', filters: ['brand:a b'] } as InsightsEvent;
    expect(toPayload([event], 'u', undefined)).toEqual([
      {
        eventType: 'click',
        eventName: 'c',
        index: 'i',
        userToken: 'u',
        authenticatedUserToken: undefined,
        filters: ['brand%3Aa%20b'],
      },
    ]);
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
    expect(createUUID(null as unknown as Crypto)).toBeUndefined();
    expect(createUUID({} as Crypto)).toBeUndefined();
    expect(random).not.toHaveBeenCalled();
  });
});
