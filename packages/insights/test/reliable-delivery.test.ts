// The batching, retrying delivery over a real HTTP server on 127.0.0.1 (Node transport).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../src/core/create-client.js';
import { createOutbox } from '../src/core/outbox.js';
import { createReliableDelivery, type ReliableDeliveryOptions } from '../src/core/reliable-delivery.js';
import { createMemoryKeyValueStore } from '../src/core/remembered-queries.js';
import { MAX_BODY_BYTES } from '../src/core/split-batches.js';
import type { InsightsEvent } from '../src/core/types.js';
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

  it('round-trips unsent events grouped by URL, dropping events past the age limit', () => {
    const store = createMemoryKeyValueStore();
    const outbox = createOutbox({ store, maxAgeMs: 1000, now: () => 10_000 });
    outbox.save(unsent([event('a', 9_500), 'u1'], [event('b', 8_000), 'u1'], [event('c', 9_900), 'u2']));
    const loaded = outbox.load();
    expect([...loaded].map(([e, url]) => [e.eventName, url])).toEqual([
      ['a', 'u1'],
      ['c', 'u2'],
    ]);
  });
  it('keeps the newest events within maxEvents and maxChars', () => {
    const store = createMemoryKeyValueStore();
    const many = Array.from(
      { length: 10 },
      (_, i) => [event(`e${i}`, 1), 'u'] as [ReturnType<typeof event>, string],
    );
    createOutbox({ store, maxEvents: 4, now: () => 1 }).save(new Map(many));
    expect(
      [
        ...createOutbox({ store, now: () => 1 })
          .load()
          .keys(),
      ].map((e) => e.eventName),
    ).toEqual(['e6', 'e7', 'e8', 'e9']);
    createOutbox({ store, maxChars: 200, now: () => 1 }).save(new Map(many));
    expect(store.get('sightline-outbox')!.length).toBeLessThanOrEqual(200);
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
    expect(createOutbox({ store }).load().size).toBe(1000);
    delivery.clear();
  });
  it('a store that refuses writes (quota) leaves fewer events or none, never throws', () => {
    const store = createMemoryKeyValueStore();
    const refusing = {
      ...store,
      set: (key: string, value: string) => (value.length < 120 ? store.set(key, value) : undefined),
    };
    const many = Array.from(
      { length: 8 },
      (_, i) => [event(`e${i}`, 1), 'u'] as [ReturnType<typeof event>, string],
    );
    createOutbox({ store: refusing, now: () => 1 }).save(new Map(many));
    const kept = [
      ...createOutbox({ store, now: () => 1 })
        .load()
        .keys(),
    ].map((e) => e.eventName);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(8);
    expect(kept.at(-1)).toBe('e7');
  });
  it('unsent events survive a failed page and are resent (same eventID) by the next one', async () => {
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
    for (let i = 0; store.get('sightline-outbox') && i < 100; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(store.get('sightline-outbox')).toBeFalsy();
  });
  it('clear() (opt-out) empties the outbox', () => {
    const store = createMemoryKeyValueStore();
    createOutbox({ store }).save(unsent([event('a', Date.now()), 'u']));
    createReliableDelivery({ transport: nodeHttpTransport(), outbox: createOutbox({ store }) }).clear();
    expect(store.get('sightline-outbox')).toBeFalsy();
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
    expect(store.get('sightline-outbox')).toBeFalsy();
  });
});
