// The batching, retrying delivery over a real HTTP server on 127.0.0.1 (Node transport).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCollector } from '../../collector/src/index.js';
import { createClient } from '../src/core/create-client.js';
import { createOutbox } from '../src/core/outbox.js';
import {
  countsCopies,
  createReliableDelivery,
  MAX_SPLIT_REQUESTS,
  type ReliableDeliveryOptions,
} from '../src/core/reliable-delivery.js';
import { createMemoryKeyValueStore } from '../src/core/remembered-queries.js';
import { MAX_BODY_BYTES } from '../src/core/split-batches.js';
import type { InsightsEvent } from '../src/core/types.js';
import { keepaliveFetchTransport } from '../src/transport/keepalive-fetch.js';
import { nodeHttpTransport } from '../src/transport/node-http.js';
import { type CaptureServer, startCaptureServer } from './helpers/capture-server.js';

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server?.close());
beforeEach(() => {
  server.requests.length = 0;
  server.status = 200;
  server.hang = false;
});

// Retries wait 0–2 ms here: the tests check what is sent, never how fast.
const fast = { baseDelayMs: 1, maxDelayMs: 2 };
function client(options: Partial<ReliableDeliveryOptions> = {}) {
  const delivery = createReliableDelivery({ transport: nodeHttpTransport(), retry: fast, ...options });
  const aa = createClient({ queryStore: createMemoryKeyValueStore(), flavor: 'test', delivery });
  aa.init({ appId: 'APP', apiKey: 'KEY', host: server.url, userToken: 'u1' });
  return { aa, delivery };
}
const click = (n: number) => ({ eventName: 'Click', index: 'products', objectIDs: [`o${n}`] });
const events = (i: number) => (server.requests[i]!.body as { events: InsightsEvent[] }).events;

describe('reliable delivery', () => {
  it('calls made in the same task travel in one request; each call resolves with the outcome', async () => {
    const { aa } = client();
    const results = await Promise.all([aa.clickedObjectIDs(click(1)), aa.viewedObjectIDs(click(2))]);
    expect(results).toEqual([true, true]);
    expect(server.requests).toHaveLength(1);
    expect(events(0).map((e) => e.eventType)).toEqual(['click', 'view']);
  });

  it('stamps a capture timestamp and a unique eventID, keeping given ones', async () => {
    const { aa } = client();
    const before = Date.now();
    await Promise.all([aa.clickedObjectIDs(click(1)), aa.clickedObjectIDs({ ...click(2), timestamp: 42 })]);
    const [a, b] = events(0) as (InsightsEvent & { eventID: string })[];
    expect(a!.timestamp).toBeGreaterThanOrEqual(before);
    expect(b!.timestamp).toBe(42);
    expect(a!.eventID).toMatch(/^[0-9a-f-]{36}$/);
    expect(a!.eventID).not.toBe(b!.eventID);
  });

  it('calls with different credentials go in separate requests', async () => {
    const { aa } = client();
    const other = { headers: { 'X-Algolia-Application-Id': 'APP2', 'X-Algolia-API-Key': 'K2' } };
    await Promise.all([aa.clickedObjectIDs(click(1)), aa.clickedObjectIDs(click(2), other)]);
    expect(
      server.requests.map((r) => new URLSearchParams(r.rawQuery).get('X-Algolia-Application-Id')).sort(),
    ).toEqual(['APP', 'APP2']);
  });

  it('splits a large call into requests under 1000 events and the 64 kB quota, in order', async () => {
    const { aa } = client();
    const many = Array.from({ length: 2100 }, (_, i) => ({ eventType: 'click' as const, ...click(i) }));
    expect(await aa.sendEvents(many)).toBe(true);
    expect(server.requests.length).toBeGreaterThan(3);
    for (const request of server.requests) {
      expect(Buffer.byteLength(request.text)).toBeLessThanOrEqual(MAX_BODY_BYTES);
      expect((request.body as { events: unknown[] }).events.length).toBeLessThanOrEqual(1000);
    }
    const ids = server.requests.flatMap((_, i) => events(i).map((e) => e.objectIDs![0]));
    expect(new Set(ids).size).toBe(2100);
  });

  it('retries 5xx with the same body (same eventIDs) until accepted', async () => {
    const { aa } = client();
    server.status = 503;
    const sent = aa.clickedObjectIDs(click(1));
    await server.waitFor(2);
    server.status = 200;
    expect(await sent).toBe(true);
    expect(server.requests.length).toBeGreaterThanOrEqual(3);
    expect(new Set(server.requests.map((r) => r.text)).size).toBe(1);
  });

  it('gives up after maxAttempts and resolves false', async () => {
    const { aa } = client({ retry: { ...fast, maxAttempts: 3 } });
    server.status = 500;
    expect(await aa.clickedObjectIDs(click(1))).toBe(false);
    expect(server.requests).toHaveLength(3);
  });

  it('never retries other 4xx', async () => {
    const { aa } = client();
    server.status = 422;
    expect(await aa.clickedObjectIDs(click(1))).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('a transport that throws or rejects counts as a network error: calls still settle', async () => {
    for (const transport of [
      () => {
        throw new Error('broken transport');
      },
      () => Promise.reject(new Error('broken transport')),
    ]) {
      let calls = 0;
      const delivery = createReliableDelivery({
        transport: () => {
          calls++;
          return (transport as () => never)();
        },
        retry: { ...fast, maxAttempts: 2 },
      });
      const aa = createClient({ queryStore: createMemoryKeyValueStore(), flavor: 'test', delivery });
      aa.init({ appId: 'APP', apiKey: 'KEY', host: server.url, userToken: 'u1' });
      expect(await aa.clickedObjectIDs(click(1))).toBe(false);
      expect(calls).toBe(2);
    }
  });

  it('keepalive fetch gives up on a request that never answers (a network error, retried)', async () => {
    server.hang = true;
    const transport = keepaliveFetchTransport(undefined, 50);
    expect(await transport(`${server.url}/1/events`, '{"events":[]}')).toMatchObject({
      ok: false,
      status: 0,
      retryable: true,
    });
  });

  it('a refused batch invalid throughout is split within a bounded number of requests, not 2N − 1', async () => {
    const { aa } = client();
    server.status = 422;
    const calls = Array.from({ length: 100 }, (_, n) => aa.clickedObjectIDs(click(n)));
    expect(await Promise.all(calls)).toEqual(calls.map(() => false));
    // The first request, then at most MAX_SPLIT_REQUESTS halves (199 without the bound).
    expect(server.requests.length).toBeLessThanOrEqual(1 + MAX_SPLIT_REQUESTS);
  });

  it('retries network errors (connection refused) and resolves false when out of attempts', async () => {
    const delivery = createReliableDelivery({
      transport: nodeHttpTransport(),
      retry: { ...fast, maxAttempts: 2 },
    });
    const aa = createClient({ queryStore: createMemoryKeyValueStore(), flavor: 'test', delivery });
    aa.init({ appId: 'APP', apiKey: 'KEY', host: 'http://127.0.0.1:1', userToken: 'u1' });
    expect(await aa.clickedObjectIDs(click(1))).toBe(false);
  });

  it('clear() (opt-out) drops waiting events: their calls resolve false and nothing is sent', async () => {
    const { aa, delivery } = client({ flushIntervalMs: 60_000 });
    const sent = aa.clickedObjectIDs(click(1));
    delivery.clear();
    expect(await sent).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it('flush() sends at once what waits for the interval', async () => {
    const { aa, delivery } = client({ flushIntervalMs: 60_000 });
    const sent = [aa.clickedObjectIDs(click(1)), aa.clickedObjectIDs(click(2))];
    delivery.flush();
    expect(await Promise.all(sent)).toEqual([true, true]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('outbox', () => {
  const event = (name: string, timestamp: number) => ({
    eventType: 'click' as const,
    eventName: name,
    index: 'i',
    timestamp,
  });
  const unsent = (...entries: [ReturnType<typeof event>, string][]) => new Map(entries);
  /** Every outbox entry in the store, joined: what any page could still resend. */
  const stored = (store: ReturnType<typeof createMemoryKeyValueStore>) =>
    store
      .keys()
      .filter((k) => k.startsWith('sightline-outbox'))
      .map((k) => store.get(k))
      .join('\n');
  const names = (found: Map<{ eventName: string }, string>) => [...found.keys()].map((e) => e.eventName);

  it("round-trips a closed page's events grouped by URL, dropping events past the age limit", () => {
    const store = createMemoryKeyValueStore();
    const outbox = createOutbox({ store, maxAgeMs: 1000, now: () => 10_000 });
    outbox.save(
      unsent([event('a', 9_500), 'u1'], [event('b', 8_000), 'u1'], [event('c', 9_900), 'u2']),
      true,
    );
    const loaded = createOutbox({ store, maxAgeMs: 1000, now: () => 10_000 }).adopt();
    expect([...loaded].map(([e, url]) => [e.eventName, url])).toEqual([
      ['a', 'u1'],
      ['c', 'u2'],
    ]);
  });
  it('two open pages never overwrite each other; a third takes over only the one that closed', () => {
    const store = createMemoryKeyValueStore();
    const pageA = createOutbox({ store, now: () => 1 });
    const pageB = createOutbox({ store, now: () => 1 });
    pageA.save(unsent([event('a1', 1), 'u']));
    pageB.save(unsent([event('b1', 1), 'u']));
    pageA.save(unsent([event('a1', 1), 'u'], [event('a2', 1), 'u']));
    expect(stored(store)).toMatch(/a1.*a2/);
    expect(stored(store)).toContain('b1');
    // Both still open: nothing to take over.
    expect(createOutbox({ store, now: () => 2 }).adopt().size).toBe(0);
    pageB.save(unsent([event('b1', 1), 'u']), true);
    const pageC = createOutbox({ store, now: () => 2 });
    expect(names(pageC.adopt())).toEqual(['b1']);
    // B's entry goes once C's own entry holds its events, not before.
    expect(stored(store).match(/b1/g)).toHaveLength(1);
    pageC.save(unsent([event('b1', 1), 'u']));
    expect(stored(store).match(/b1/g)).toHaveLength(1);
    expect(stored(store)).toContain('a2');
  });
  it('an entry silent for longer than staleAfterMs (a killed page) is taken over', () => {
    const store = createMemoryKeyValueStore();
    createOutbox({ store, now: () => 1_000 }).save(unsent([event('k', 1_000), 'u']));
    expect(createOutbox({ store, now: () => 1_000 + 600_000 }).adopt().size).toBe(0);
    expect(names(createOutbox({ store, now: () => 1_001 + 600_000 }).adopt())).toEqual(['k']);
  });
  it("takes over what version 0.1 stored ({ [url]: events } under 'sightline-outbox')", () => {
    const store = createMemoryKeyValueStore();
    store.set('sightline-outbox', JSON.stringify({ u1: [event('old', 5)] }));
    const outbox = createOutbox({ store, now: () => 10 });
    expect(names(outbox.adopt())).toEqual(['old']);
    outbox.save(new Map());
    expect(store.keys()).toEqual([]);
  });
  it('keeps the newest events within maxEvents and maxChars', () => {
    const store = createMemoryKeyValueStore();
    const many = Array.from(
      { length: 10 },
      (_, i) => [event(`e${i}`, 1), 'u'] as [ReturnType<typeof event>, string],
    );
    createOutbox({ store, maxEvents: 4, now: () => 1 }).save(new Map(many), true);
    expect(names(createOutbox({ store, now: () => 1 }).adopt())).toEqual(['e6', 'e7', 'e8', 'e9']);
    const small = createMemoryKeyValueStore();
    createOutbox({ store: small, maxChars: 200, now: () => 1 }).save(new Map(many));
    expect(stored(small).length).toBeGreaterThan(0);
    expect(stored(small).length).toBeLessThanOrEqual(200);
  });
  it('trimming events that do not fit says so (SL_OUTBOX_FULL with the count)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const many = Array.from(
        { length: 10 },
        (_, i) => [event(`e${i}`, 1), 'u'] as [ReturnType<typeof event>, string],
      );
      createOutbox({ store: createMemoryKeyValueStore(), maxEvents: 4 }).save(new Map(many));
      expect(warn).toHaveBeenCalledWith('SL_OUTBOX_FULL', 6);
      warn.mockClear();
      createOutbox({ store: createMemoryKeyValueStore() }).save(new Map(many));
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
  it('a burst of 1000 calls in one task is kept whole by the default outbox, written once', async () => {
    const store = createMemoryKeyValueStore();
    let writes = 0;
    const counting = {
      ...store,
      set: (key: string, value: string) => {
        writes++;
        store.set(key, value);
      },
    };
    server.hang = true;
    const delivery = createReliableDelivery({
      transport: nodeHttpTransport(),
      outbox: createOutbox({ store: counting }),
    });
    const aa = createClient({ queryStore: createMemoryKeyValueStore(), flavor: 'test', delivery });
    aa.init({ appId: 'APP', apiKey: 'KEY', host: server.url, userToken: 'u1' });
    for (let i = 0; i < 1000; i++) {
      void aa.clickedObjectIDsAfterSearch({
        eventName: 'Product Clicked',
        index: 'demo_products',
        queryID: (i * 7919).toString(16).padStart(32, '0'),
        objectIDs: [`product-${i}`],
        positions: [(i % 40) + 1],
      });
    }
    await Promise.resolve();
    expect(writes).toBe(1);
    // The page is still open: only once it is silent for 10 minutes may another page take it over.
    expect(createOutbox({ store, now: () => Date.now() + 700_000 }).adopt().size).toBe(1000);
    delivery.clear();
  });
  it('a store that refuses writes (quota) leaves fewer events or none, never throws', () => {
    const store = createMemoryKeyValueStore();
    const refusing = {
      ...store,
      set: (key: string, value: string) => (value.length < 140 ? store.set(key, value) : undefined),
    };
    const many = Array.from(
      { length: 8 },
      (_, i) => [event(`e${i}`, 1), 'u'] as [ReturnType<typeof event>, string],
    );
    createOutbox({ store: refusing, now: () => 1 }).save(new Map(many), true);
    const kept = names(createOutbox({ store, now: () => 1 }).adopt());
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(8);
    expect(kept.at(-1)).toBe('e7');
  });
  it('events whose retries ran out are handed to the next page, which resends them (same eventID)', async () => {
    const store = createMemoryKeyValueStore();
    server.status = 503;
    const first = createReliableDelivery({
      transport: nodeHttpTransport(),
      retry: { ...fast, maxAttempts: 2 },
      outbox: createOutbox({ store }),
    });
    const aa = createClient({ queryStore: createMemoryKeyValueStore(), flavor: 'test', delivery: first });
    aa.init({ appId: 'APP', apiKey: 'KEY', host: server.url, userToken: 'u1' });
    expect(await aa.clickedObjectIDs(click(1))).toBe(false);
    const sentID = (events(0)[0] as unknown as { eventID: string }).eventID;
    expect(store.get('sightline-outbox')).toContain(sentID);
    // The next page: nothing is resent before consent is known (resend), then the stored event goes.
    server.status = 200;
    server.requests.length = 0;
    const next = createReliableDelivery({
      transport: nodeHttpTransport(),
      retry: fast,
      outbox: createOutbox({ store }),
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(server.requests).toHaveLength(0);
    next.resend();
    await server.waitFor(1);
    expect((events(0)[0] as unknown as { eventID: string }).eventID).toBe(sentID);
    for (let i = 0; stored(store) && i < 100; i++) await new Promise((r) => setTimeout(r, 10));
    expect(stored(store)).toBe('');
  });
  it('leave() (pagehide) keeps in-flight events for the next page only where copies are dropped', async () => {
    server.hang = true;
    for (const resend of [true, false]) {
      const store = createMemoryKeyValueStore();
      const { aa, delivery } = client({ outbox: createOutbox({ store }), keepInFlight: () => resend });
      void aa.clickedObjectIDs(click(1));
      await new Promise((resolve) => setTimeout(resolve, 5)); // the batch is in flight
      void aa.clickedObjectIDs(click(2)); // waiting: leave() sends it too, so it is in flight as well
      delivery.leave();
      const next = createOutbox({ store }).adopt();
      expect(next.size).toBe(resend ? 2 : 0);
      delivery.clear();
    }
  });
  it('Algolia-hosted endpoints count copies; others (a Sightline collector) drop them', () => {
    expect(countsCopies('https://insights.algolia.io/1/events?x=1')).toBe(true);
    expect(countsCopies('https://insights.de.algolia.io/1/events')).toBe(true);
    expect(countsCopies('https://insights.example.com/1/events')).toBe(false);
    expect(countsCopies('https://insights.algolia.io.evil.test/1/events')).toBe(false);
    expect(countsCopies('http://127.0.0.1:8420/1/events')).toBe(false);
  });
  it('clear() (opt-out) empties every entry of the outbox, other pages included', () => {
    const store = createMemoryKeyValueStore();
    createOutbox({ store }).save(unsent([event('a', Date.now()), 'u']));
    createOutbox({ store }).release(unsent([event('b', Date.now()), 'u']));
    createReliableDelivery({ transport: nodeHttpTransport(), outbox: createOutbox({ store }) }).clear();
    expect(stored(store)).toBe('');
  });
  it('4xx is refused for good: out of the outbox, never resent', async () => {
    const store = createMemoryKeyValueStore();
    server.status = 422;
    const delivery = createReliableDelivery({
      transport: nodeHttpTransport(),
      retry: fast,
      outbox: createOutbox({ store }),
    });
    const aa = createClient({ queryStore: createMemoryKeyValueStore(), flavor: 'test', delivery });
    aa.init({ appId: 'APP', apiKey: 'KEY', host: server.url, userToken: 'u1' });
    expect(await aa.clickedObjectIDs(click(1))).toBe(false);
    expect(stored(store)).toBe('');
  });
});

describe('no poisoned batches (real collector, all-or-nothing 422)', () => {
  it('one invalid call does not sink the other calls of its request: the batch is split down to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-poison-'));
    const collector = await startCollector({
      port: 0,
      host: '127.0.0.1',
      dataFile: join(dir, 'events.db'),
      logLevel: 'silent',
    });
    try {
      const { appId, searchKey, adminKey } = collector.bootstrap!;
      const delivery = createReliableDelivery({ transport: nodeHttpTransport(), retry: fast });
      const aa = createClient({ queryStore: createMemoryKeyValueStore(), flavor: 'test', delivery });
      aa.init({ appId, apiKey: searchKey, host: collector.url, userToken: 'poison' });
      const calls = ['ok-1', 'x'.repeat(65), 'ok-2', 'ok-3', 'ok-4'].map((eventName) =>
        aa.clickedObjectIDs({ eventName, index: 'products', objectIDs: ['1'] }),
      );
      expect(await Promise.all(calls)).toEqual([true, false, true, true, true]);
      const response = await fetch(`${collector.url}/api/events?status=accepted&userToken=poison&limit=100`, {
        headers: { 'x-algolia-application-id': appId, 'x-algolia-api-key': adminKey },
      });
      const { entries } = (await response.json()) as { entries: { event: { eventName: string } }[] };
      expect(entries.map((entry) => entry.event.eventName).sort()).toEqual(['ok-1', 'ok-2', 'ok-3', 'ok-4']);
    } finally {
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('outbox under hostile storage and long-lived pages', () => {
  const ids = () =>
    server.requests.flatMap((r) =>
      (r.body as { events: { eventID: string }[] }).events.map((e) => e.eventID),
    );
  /** A page as reliable-browser-client makes it: init, then resend once consent is known. */
  function page(
    store: ReturnType<typeof createMemoryKeyValueStore>,
    extra: Partial<ReliableDeliveryOptions> = {},
  ) {
    const delivery = createReliableDelivery({
      transport: nodeHttpTransport(),
      retry: fast,
      outbox: createOutbox({ store, now: extra.now }),
      keepInFlight: () => false, // the Algolia case: copies count
      ...extra,
    });
    const aa = createClient({ queryStore: createMemoryKeyValueStore(), flavor: 'test', delivery });
    aa.init({ appId: 'APP', apiKey: 'KEY', host: server.url, userToken: 'u1' });
    delivery.resend();
    return { aa, delivery };
  }

  for (const [key, value] of [
    ['sightline-outbox:meta', '{"version":2}'],
    ['sightline-outbox:x', '{"t":1,"c":1,"u":{"http://h/1/events":[null]}}'],
    ['sightline-outbox', '{"http://h/1/events":{"0":1}}'],
  ] as const) {
    it(`a foreign or corrupt entry never throws into the page (${key} = ${value})`, async () => {
      const store = createMemoryKeyValueStore();
      store.set(key, value);
      const { aa } = page(store);
      expect(await aa.clickedObjectIDs(click(1))).toBe(true);
    });
  }

  it('a corrupt shared entry when retries run out: the call still resolves false', async () => {
    const store = createMemoryKeyValueStore();
    server.status = 503;
    const { aa } = page(store, { retry: { ...fast, maxAttempts: 2 } });
    store.set('sightline-outbox', '{"u":{"x":[null]}}');
    expect(await aa.clickedObjectIDs(click(1))).toBe(false);
  });

  it('a long-lived page resends what it gave up on during an outage once the network is back', async () => {
    const store = createMemoryKeyValueStore();
    let clock = Date.now();
    server.status = 503;
    const { aa } = page(store, { retry: { ...fast, maxAttempts: 2 }, now: () => clock });
    expect(await aa.clickedObjectIDs(click(1))).toBe(false);
    const lostID = ids()[0];
    server.status = 200;
    server.requests.length = 0;
    clock += 60_000;
    expect(await aa.clickedObjectIDs(click(2))).toBe(true);
    for (let i = 0; !ids().includes(lostID!) && i < 50; i++) await new Promise((r) => setTimeout(r, 10));
    expect(ids()).toContain(lostID);
  });

  it('back from the back/forward cache when storage refused its entry: nobody adopted it, so it still sends', async () => {
    const store = createMemoryKeyValueStore();
    // Storage that accepts nothing of this outbox (quota full).
    const refusing = {
      ...store,
      set: (key: string, value: string) =>
        key.startsWith('sightline-outbox') ? undefined : store.set(key, value),
    };
    server.status = 503;
    const a = page(refusing, {
      retry: { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 200 },
      random: () => 0.99,
    });
    const sent = a.aa.clickedObjectIDs(click(1));
    await new Promise((r) => setTimeout(r, 30)); // refused once, now waiting in backoff
    a.delivery.leave();
    server.status = 200;
    a.delivery.resume();
    expect(await sent).toBe(true);
  });

  it('back from the back/forward cache after another page adopted its entry: no second copy', async () => {
    const store = createMemoryKeyValueStore();
    server.status = 503;
    const a = page(store, {
      retry: { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 200 },
      random: () => 0.99,
    });
    void a.aa.clickedObjectIDs(click(1));
    await new Promise((r) => setTimeout(r, 30)); // refused once, now waiting in backoff
    a.delivery.leave(); // pagehide into the back/forward cache
    server.status = 200;
    server.requests.length = 0;
    page(store); // the next page of the tab adopts and sends it
    await new Promise((r) => setTimeout(r, 100));
    a.delivery.resume(); // Back: pageshow
    await new Promise((r) => setTimeout(r, 400));
    expect(ids()).toHaveLength(1);
  });
});
