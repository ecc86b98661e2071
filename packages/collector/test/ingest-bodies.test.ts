import { request as httpRequest } from 'node:http';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebuggerEntry } from '../src/index.js';
import { QUERY_ID, startTestCollector, type TestCollector, validEvent } from './helpers/test-collector.js';

const MB = 1024 * 1024;

describe('POST /1/events: bad bodies get a clear 4xx, never a 5xx', () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector();
  });
  afterAll(() => t.close());

  async function latest(): Promise<DebuggerEntry> {
    return (await t.getJson<{ entries: DebuggerEntry[] }>('/api/events?limit=1')).entries[0]!;
  }

  it('not JSON → 400 in plain text, recorded as one entry without an event', async () => {
    const res = await t.postEvents('{"events": [ {"eventType": ');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.headers.get('x-sightline-error')).toBe('BODY_NOT_JSON');
    expect(await res.text()).toMatch(/not valid JSON.*Fix: send a JSON object/);
    const entry = await latest();
    expect(entry).toMatchObject({ status: 400, accepted: false, event: null });
    expect(entry.errors[0]).toMatchObject({ code: 'BODY_NOT_JSON', field: 'body' });
  });

  it('an empty body → 400 saying it is empty', async () => {
    const res = await t.postEvents('');
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/body is empty/);
  });

  it('a top-level array → 422 naming the expected object', async () => {
    const res = await t.postEvents([validEvent()]);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /not a JSON array.*Fix: wrap the events/,
    );
  });

  it('10 MB → 413 in the EventsResponse shape, recorded', async () => {
    const big = JSON.stringify({ events: [validEvent({ padding: 'x'.repeat(10 * MB) })] });
    const res = await t.postEvents(big);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ status: 413, message: expect.stringMatching(/2 MB or more.*Fix:/) });
    expect((await latest()).errors[0]!.code).toBe('BODY_TOO_LARGE');
  });

  it('the 2 MB limit: one byte under is read, exactly 2 MB is refused', async () => {
    const shell = JSON.stringify({ events: [validEvent({ padding: '' })] });
    const under = JSON.stringify({
      events: [validEvent({ padding: 'x'.repeat(2 * MB - 1 - shell.length) })],
    });
    expect(Buffer.byteLength(under)).toBe(2 * MB - 1);
    expect((await t.postEvents(under)).status).toBe(200);
    const at = JSON.stringify({ events: [validEvent({ padding: 'x'.repeat(2 * MB - shell.length) })] });
    expect((await t.postEvents(at)).status).toBe(413);
  });

  it('deep nesting → 400 BODY_TOO_DEEP, not a stack overflow', async () => {
    const deep = `{"events":[${'['.repeat(200_000)}${']'.repeat(200_000)}]}`;
    const res = await t.postEvents(deep);
    expect(res.status).toBe(400);
    expect(res.headers.get('x-sightline-error')).toBe('BODY_TOO_DEEP');
    let nested: unknown = 'leaf';
    for (let i = 0; i < 50; i++) nested = { n: nested };
    expect((await t.postEvents({ events: [validEvent({ nested })] })).status).toBe(200);
  });

  it('nesting limit: 64 levels of arrays and objects pass, 65 are refused', async () => {
    // Body object (1) → events array (2) → event (3) → `levels` objects of { n }.
    const body = (levels: number) => {
      let nested: unknown = 'leaf';
      for (let i = 0; i < levels; i++) nested = { n: nested };
      return { events: [validEvent({ nested })] };
    };
    expect((await t.postEvents(body(61))).status).toBe(200);
    const res = await t.postEvents(body(62));
    expect(res.status).toBe(400);
    expect(res.headers.get('x-sightline-error')).toBe('BODY_TOO_DEEP');
    // Arrays count like objects.
    const arrays = await t.postEvents(`{"events":[${'['.repeat(63)}${']'.repeat(63)}]}`);
    expect(arrays.headers.get('x-sightline-error')).toBe('BODY_TOO_DEEP');
    expect((await t.postEvents(`{"events":[${'['.repeat(62)}${']'.repeat(62)}]}`)).status).toBe(422);
  });

  it('brackets inside strings do not count as nesting', async () => {
    expect((await t.postEvents({ events: [validEvent({ note: '[[[[{{{{'.repeat(100) })] })).status).toBe(200);
  });

  it('wrong JSON types in every field → 200 or 422, never 5xx', async () => {
    const values: unknown[] = [null, true, 0, -1, 1.5, 1e300, '', 'x', [], [null], [[]], {}, { a: 1 }];
    const fields = [
      'eventType',
      'eventSubtype',
      'eventName',
      'index',
      'userToken',
      'authenticatedUserToken',
      'timestamp',
      'queryID',
      'objectIDs',
      'filters',
      'positions',
      'objectData',
      'value',
      'currency',
      'agentID',
    ];
    const statuses = new Set<number>();
    for (const field of fields) {
      for (const value of values) {
        const res = await t.postEvents({
          events: [validEvent({ queryID: QUERY_ID, positions: [1], [field]: value })],
        });
        statuses.add(res.status);
        expect(res.status, `${field} = ${JSON.stringify(value)}`).toBeLessThan(500);
        if (res.status === 422) expect(((await res.json()) as { message: string }).message).toMatch(/Fix: /);
        else await res.arrayBuffer();
      }
    }
    expect([...statuses].sort()).toEqual([200, 422]);
    for (const value of values) {
      const res = await t.postEvents({ events: value });
      expect(res.status).toBe(422);
      await res.arrayBuffer();
    }
  });

  it('timestamps beyond the Date range → 422, not a crash', async () => {
    for (const timestamp of [1e20, -1e20, Number.MAX_SAFE_INTEGER]) {
      const res = await t.postEvents({ events: [validEvent({ timestamp })] });
      expect(res.status).toBe(422);
      await res.arrayBuffer();
    }
  });

  it('reads JSON whatever the Content-Type', async () => {
    for (const type of [
      'text/plain;charset=UTF-8',
      'application/json',
      'application/x-www-form-urlencoded',
      '',
    ]) {
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      const res = await t.request('POST', '/1/events', {
        body: JSON.stringify({ events: [validEvent()] }),
        headers,
        auth: 'query',
      });
      expect(res.status, type).toBe(200);
    }
  });

  it('gzip and deflate bodies are read; broken or unsupported encodings get 400 / 415', async () => {
    const json = JSON.stringify({ events: [validEvent({ userToken: 'gzipped' })] });
    const gz = await t.request('POST', '/1/events', {
      body: gzipSync(json),
      headers: { 'content-encoding': 'gzip' },
      auth: 'query',
    });
    expect(gz.status).toBe(200);
    expect((await latest()).event).toMatchObject({ userToken: 'gzipped' });
    const deflated = await t.request('POST', '/1/events', {
      body: deflateSync(json),
      headers: { 'content-encoding': 'deflate' },
      auth: 'query',
    });
    expect(deflated.status).toBe(200);
    const broken = await t.request('POST', '/1/events', {
      body: 'not gzip',
      headers: { 'content-encoding': 'gzip' },
      auth: 'query',
    });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('x-sightline-error')).toBe('BODY_GZIP_INVALID');
    const brotli = await t.request('POST', '/1/events', {
      body: json,
      headers: { 'content-encoding': 'br' },
      auth: 'query',
    });
    expect(brotli.status).toBe(415);
  });

  it('a gzip bomb (small upload, over 2 MB inflated) → 413', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * MB, 0x20));
    expect(bomb.length).toBeLessThan(MB);
    const res = await t.request('POST', '/1/events', {
      body: bomb,
      headers: { 'content-encoding': 'gzip' },
      auth: 'query',
    });
    expect(res.status).toBe(413);
  });

  it('invalid UTF-8 bytes → a 4xx or 200 with the bytes replaced, never 5xx', async () => {
    const body = Buffer.concat([
      Buffer.from('{"events":[{"eventType":"view","eventName":"V","index":"i","objectIDs":["'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"],"userToken":"u"}]}'),
    ]);
    const res = await t.request('POST', '/1/events', { body, auth: 'query' });
    expect(res.status).toBe(200);
    expect((await latest()).event).toMatchObject({ objectIDs: ['\uFFFD\uFFFD'] });
  });

  it('a __proto__ key is stored as data, not as a prototype', async () => {
    const res = await t.postEvents(
      '{"events":[{"eventType":"view","eventName":"V","index":"i","objectIDs":["a"],"userToken":7,"__proto__":{"polluted":true}}]}',
    );
    expect(res.status).toBe(200);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('a client that disconnects mid-body does not break the server', async () => {
    const url = new URL(
      `${t.url}/1/events?X-Algolia-Application-Id=${t.appId}&X-Algolia-API-Key=${t.searchKey}`,
    );
    await new Promise<void>((resolve) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-length': '1000' } });
      req.on('error', () => resolve());
      req.write('{"events":[', () => {
        req.destroy();
        resolve();
      });
    });
    expect((await t.request('GET', '/health', { auth: 'none' })).status).toBe(200);
  });
});
