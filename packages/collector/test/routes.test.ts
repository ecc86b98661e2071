import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebuggerEntry } from '../src/index.js';
import { QUERY_ID, startTestCollector, type TestCollector, validEvent } from './helpers/test-collector.js';

type Feed = { entries: DebuggerEntry[]; nextBefore: number | null };

describe('routes', () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector();
  });
  afterAll(() => t.close());

  it('GET /health answers without credentials', async () => {
    const res = await t.request('GET', '/health', { auth: 'none' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('unknown path → 404 JSON; wrong method → 405 JSON with Allow; both before auth', async () => {
    const missing = await t.request('GET', '/1/nothing', { auth: 'none' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      status: 404,
      message: expect.stringMatching(/not part of the Insights API.*Fix:/),
    });
    // A long path is not echoed whole.
    const long = await t.request('GET', `/1/${'x'.repeat(15_000)}`, { auth: 'none' });
    expect(long.status).toBe(404);
    const longBody = (await long.json()) as { message: string };
    expect(longBody.message.length).toBeLessThan(600);
    expect(longBody.message).toContain('(15003 characters)');
    const wrong = await t.request('PUT', '/1/events', { auth: 'none', body: '{}' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST, GET, OPTIONS');
    expect(await wrong.json()).toEqual({ status: 405, message: expect.stringContaining('PUT /1/events') });
  });

  it('CORS: preflight answered, and every response carries Allow-Origin *', async () => {
    const pre = await fetch(`${t.url}/1/events`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-algolia-custom',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toBe('POST, GET, DELETE, OPTIONS');
    const allowed = pre.headers.get('access-control-allow-headers')!;
    for (const h of [
      'content-type',
      'x-algolia-application-id',
      'x-algolia-api-key',
      'x-algolia-agent',
      'x-algolia-custom',
    ])
      expect(allowed).toContain(h);
    for (const res of [
      await t.postEvents({ events: [validEvent()] }),
      await t.request('GET', '/nope', { auth: 'none' }),
      await t.request('GET', '/api/events', { auth: 'none' }),
    ]) {
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('records Referer, User-Agent, the agent from the query string, and the device class', async () => {
    const url = `${t.url}/1/events?X-Algolia-Application-Id=${t.appId}&X-Algolia-API-Key=${t.searchKey}&X-Algolia-Agent=${encodeURIComponent('insights-js (2.17.3)')}`;
    const mobileUa = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148';
    const res = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ events: [validEvent()] }),
      headers: { referer: 'https://shop.example/p/1', 'user-agent': mobileUa },
    });
    expect(res.status).toBe(200);
    const [entry] = (await t.getJson<Feed>('/api/events?limit=1')).entries;
    expect(entry!.headers).toEqual({
      referer: 'https://shop.example/p/1',
      userAgent: mobileUa,
      agent: 'insights-js (2.17.3)',
    });
    expect(entry!.device).toBe('mobile');
    await t.postEvents(
      { events: [validEvent()] },
      { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120' },
    );
    expect((await t.getJson<Feed>('/api/events?limit=1')).entries[0]!.device).toBe('desktop');
  });

  it('DELETE /1/usertokens/{token}: 204, rate-limit headers, user and authenticated tokens gone, others kept', async () => {
    await t.postEvents({
      events: [
        validEvent({ userToken: 'gone-1' }),
        validEvent({ userToken: 'anon-9', authenticatedUserToken: 'gone-1' }),
        validEvent({ userToken: 'stays' }),
      ],
    });
    await t.request('POST', '/1/searches', {
      body: JSON.stringify({
        searches: [
          { queryID: 'a'.repeat(32), index: 'products', query: 'tv', nbHits: 3, userToken: 'gone-1' },
        ],
      }),
    });
    const res = await t.request('DELETE', '/1/usertokens/gone-1');
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    for (const h of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'])
      expect(res.headers.get(h)).toMatch(/^\d+$/);
    expect((await t.getJson<Feed>('/api/events?userToken=gone-1')).entries).toEqual([]);
    expect((await t.getJson<Feed>('/api/events?userToken=stays')).entries).toHaveLength(1);
    expect(
      (await t.collector.store.listSearches(t.appId, { limit: 100 })).some((s) => s.userToken === 'gone-1'),
    ).toBe(false);
  });

  it('DELETE accepts any 1–512 character token (refused ones too); empty, over-long or malformed → 422', async () => {
    // An e-mail address breaks the userToken rule, so the batch is refused, but it is stored and
    // must be erasable (GDPR): a deliberate difference from Algolia, which validates the token.
    const email = 'jane@example.com';
    expect((await t.postEvents({ events: [validEvent({ userToken: email })] })).status).toBe(422);
    const stored = await t.getJson<Feed>(`/api/events?userToken=${encodeURIComponent(email)}`);
    expect(stored.entries).toHaveLength(1);
    expect((await t.request('DELETE', `/1/usertokens/${encodeURIComponent(email)}`)).status).toBe(204);
    expect((await t.getJson<Feed>(`/api/events?userToken=${encodeURIComponent(email)}`)).entries).toEqual([]);

    const long = await t.request('DELETE', `/1/usertokens/${'x'.repeat(513)}`);
    expect(long.status).toBe(422);
    expect(long.headers.get('x-sightline-error')).toBe('USER_TOKEN_INVALID');
    expect(((await long.json()) as { message: string }).message).toMatch(/513 characters.*Fix:/);
    expect((await t.request('DELETE', `/1/usertokens/${'é'.repeat(512)}`)).status).toBe(204);

    const malformed = await t.request('DELETE', '/1/usertokens/%');
    expect(malformed.status).toBe(422);
    expect(malformed.headers.get('x-sightline-error')).toBe('PATH_PARAM_INVALID');
    expect(((await malformed.json()) as { message: string }).message).toMatch(
      /userToken segment "%" is not valid percent-encoding.*Fix:.*%25/,
    );

    await t.postEvents({ events: [validEvent({ userToken: 'a/b+c=' })] });
    expect((await t.request('DELETE', `/1/usertokens/${encodeURIComponent('a/b+c=')}`)).status).toBe(204);
    expect((await t.getJson<Feed>(`/api/events?userToken=${encodeURIComponent('a/b+c=')}`)).entries).toEqual(
      [],
    );
  });

  it('GET /1/events: the event log in the shape the Algolia CLI reads', async () => {
    await t.postEvents(
      { events: [validEvent({ userToken: 'log-user' })] },
      { referer: 'https://r.example/' },
    );
    await t.postEvents({ events: [validEvent({ userToken: 'log-user', eventName: '' })] });
    const now = new Date();
    const start = new Date(now.getTime() - 60_000).toISOString();
    const res = await t.request(
      'GET',
      `/1/events?startDate=${start}&endDate=${new Date(now.getTime() + 60_000).toISOString()}&limit=2`,
    );
    expect(res.status).toBe(200);
    const { events } = (await res.json()) as { events: Record<string, unknown>[] };
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      status: 422,
      errors: [expect.stringMatching(/eventName.*Fix:/)],
      requestID: expect.any(String),
    });
    expect(events[1]).toMatchObject({
      status: 200,
      errors: [],
      event: { userToken: 'log-user' },
      headers: { Referer: ['https://r.example/'] },
    });
    const empty = await t.request(
      'GET',
      `/1/events?startDate=2000-01-01T00:00:00.000Z&endDate=2000-01-02T00:00:00.000Z`,
    );
    expect(((await empty.json()) as { events: unknown[] }).events).toEqual([]);
    const bad = await t.request('GET', '/1/events?startDate=yesterday');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/startDate must be an ISO-8601 date/);
  });

  it('GET /api/events: filters, paging with nextBefore, tailing with after', async () => {
    const fresh = await startTestCollector();
    try {
      await fresh.postEvents({
        events: [
          validEvent({ index: 'a', eventType: 'view', userToken: 'u1' }),
          validEvent({ index: 'b', userToken: 'u2' }),
        ],
      });
      await fresh.postEvents({ events: [validEvent({ index: 'a', eventName: undefined })] });
      await fresh.postEvents({
        events: [validEvent({ index: 'a', userToken: 'anon', authenticatedUserToken: 'u1' })],
      });
      const all = await fresh.getJson<Feed>('/api/events');
      expect(all.entries).toHaveLength(4);
      expect(all.entries.map((e) => e.id)).toEqual([...all.entries.map((e) => e.id)].sort((x, y) => y - x));
      expect(all.nextBefore).toBeNull();
      expect((await fresh.getJson<Feed>('/api/events?status=rejected')).entries.map((e) => e.status)).toEqual(
        [422],
      );
      expect((await fresh.getJson<Feed>('/api/events?status=accepted')).entries).toHaveLength(3);
      expect((await fresh.getJson<Feed>('/api/events?index=b')).entries).toHaveLength(1);
      expect((await fresh.getJson<Feed>('/api/events?eventType=view')).entries).toHaveLength(1);
      expect((await fresh.getJson<Feed>('/api/events?userToken=u1')).entries).toHaveLength(2);
      expect((await fresh.getJson<Feed>('/api/events?index=a&status=accepted')).entries).toHaveLength(2);
      // What the dashboard's filter fields send: a partly typed value finds its entries.
      expect((await fresh.getJson<Feed>('/api/events?userToken=u')).entries).toEqual([]);
      expect((await fresh.getJson<Feed>('/api/events?userTokenPrefix=u')).entries).toHaveLength(4);
      expect((await fresh.getJson<Feed>('/api/events?userTokenPrefix=an')).entries).toHaveLength(1);
      expect((await fresh.getJson<Feed>('/api/events?userTokenPrefix=U')).entries).toEqual([]);
      expect(
        (await fresh.getJson<Feed>('/api/events?indexPrefix=a&userTokenPrefix=u1')).entries,
      ).toHaveLength(2);
      expect((await fresh.getJson<Feed>('/api/events?indexPrefix=b')).entries).toHaveLength(1);
      expect((await fresh.getJson<Feed>('/api/events?indexPrefix=')).entries).toHaveLength(4);

      const page1 = await fresh.getJson<Feed>('/api/events?limit=3');
      expect(page1.nextBefore).toBe(page1.entries[2]!.id);
      const page2 = await fresh.getJson<Feed>(`/api/events?limit=3&before=${page1.nextBefore}`);
      expect(page2.entries.map((e) => e.id)).toEqual([all.entries[3]!.id]);
      expect(page2.nextBefore).toBeNull();

      const oldest = all.entries[3]!.id;
      const tail = await fresh.getJson<Feed>(`/api/events?after=${oldest}&limit=2`);
      expect(tail.entries.map((e) => e.id)).toEqual([all.entries[1]!.id, all.entries[2]!.id]);
      const next = await fresh.getJson<Feed>(`/api/events?after=${tail.entries[0]!.id}&limit=2`);
      expect(next.entries.map((e) => e.id)).toEqual([all.entries[0]!.id]);

      const one = await fresh.getJson<DebuggerEntry>(`/api/events/${all.entries[0]!.id}`);
      expect(one).toEqual(all.entries[0]);
      expect(Object.keys(one).sort()).toEqual([
        'accepted',
        'device',
        'errors',
        'event',
        'headers',
        'id',
        'receivedAt',
        'requestId',
        'status',
      ]);
      expect((await fresh.request('GET', '/api/events/999999')).status).toBe(404);
      const abc = await fresh.request('GET', '/api/events/abc');
      expect(abc.status).toBe(422);
      expect(abc.headers.get('x-sightline-error')).toBe('PATH_PARAM_INVALID');
      expect(((await abc.json()) as { message: string }).message).toMatch(
        /entry id in \/api\/events\/\{id\}/,
      );
      for (const bad of [
        '/api/events?status=ok',
        '/api/events?limit=0',
        '/api/events?limit=5000',
        '/api/events?before=x',
        '/api/events?eventType=purchase',
      ]) {
        const res = await fresh.request('GET', bad);
        expect(res.status, bad).toBe(400);
        expect(res.headers.get('x-sightline-error')).toBe('QUERY_PARAM_INVALID');
      }
      const purchase = await fresh.request('GET', '/api/events?eventType=purchase');
      expect(((await purchase.json()) as { message: string }).message).toMatch(
        /eventType must be one of click, conversion, view, instantsearch .*subtypes such as purchase are conversions/,
      );
      expect((await fresh.request('GET', '/api/events?eventType=conversion')).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it('POST /1/searches stores tracked searches; a bad one refuses the request with the field named', async () => {
    const searches = [
      {
        queryID: QUERY_ID,
        index: 'products',
        query: 'tv',
        nbHits: 12,
        userToken: 'user-1',
        timestamp: Date.now() - 1000,
      },
      { queryID: 'b'.repeat(32), index: 'products', query: '', nbHits: 0 },
    ];
    const ok = await t.request('POST', '/1/searches', {
      body: JSON.stringify({ searches }),
      auth: { appId: t.appId, apiKey: t.searchKey },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 200, message: 'OK' });
    const stored = await t.collector.store.listSearches(t.appId, { limit: 10 });
    expect(stored).toEqual(
      expect.arrayContaining([
        {
          queryID: QUERY_ID,
          index: 'products',
          query: 'tv',
          nbHits: 12,
          userToken: 'user-1',
          timestamp: searches[0]!.timestamp,
        },
        expect.objectContaining({ queryID: 'b'.repeat(32), userToken: null }),
      ]),
    );
    const cases: [unknown, RegExp][] = [
      [
        { searches: [{ ...searches[0], queryID: 'XYZ' }] },
        /searches\[0\]\.queryID: queryID must be 32 lowercase hex/,
      ],
      [{ searches: [searches[0], { ...searches[1], nbHits: -1 }] }, /searches\[1\]\.nbHits/],
      [{ searches: [{ ...searches[0], index: '' }] }, /searches\[0\]\.index/],
      [{ searches: [{ ...searches[0], query: 5 }] }, /searches\[0\]\.query/],
      [{ searches: [{ ...searches[0], userToken: 'a b' }] }, /searches\[0\]\.userToken/],
      [{ searches: [{ ...searches[0], timestamp: 'now' }] }, /searches\[0\]\.timestamp/],
      [{ searches: [] }, /at least one/],
      [[searches[0]], /must be an object/],
    ];
    for (const [body, message] of cases) {
      const res = await t.request('POST', '/1/searches', { body: JSON.stringify(body) });
      expect(res.status).toBe(422);
      expect(res.headers.get('x-sightline-error')).toBe('SEARCHES_INVALID');
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
    const notJson = await t.request('POST', '/1/searches', { body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('the dashboard: 503 page when not built, static files when built, no path traversal', async () => {
    const notBuilt = await t.request('GET', '/dashboard/', { auth: 'none' });
    expect(notBuilt.status).toBe(503);
    expect(await notBuilt.text()).toContain('dashboard not built: run npm run build');

    const dir = join(t.dir, 'dash');
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>dash</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1)');
    writeFileSync(join(t.dir, 'secret.txt'), 'secret');
    const built = await startTestCollector({ dashboardDir: dir });
    try {
      const index = await built.request('GET', '/dashboard/', { auth: 'none' });
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toMatch(/text\/html/);
      expect(await index.text()).toContain('<title>dash</title>');
      const js = await built.request('GET', '/dashboard/app.js', { auth: 'none' });
      expect(js.headers.get('content-type')).toMatch(/javascript/);
      const redirect = await fetch(`${built.url}/dashboard`, { redirect: 'manual' });
      expect(redirect.status).toBe(301);
      expect(redirect.headers.get('location')).toBe('/dashboard/');
      const traversal = await new Promise<number>((resolve) => {
        httpRequest(`${built.url}/dashboard/..%2fsecret.txt`, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).end();
      });
      expect(traversal).toBe(404);
      expect((await built.request('GET', '/dashboard/missing.js', { auth: 'none' })).status).toBe(404);
    } finally {
      await built.close();
    }
  });
});
