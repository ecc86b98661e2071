import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/resolve-config.js';
import { createAuthenticator } from '../src/http/auth.js';
import { LIST_BUDGET_BYTES, LIST_EVENT_MAX_BYTES } from '../src/http/bounded-list.js';
import { MAX_RECORDED_HEADER_LENGTH } from '../src/http/client-info.js';
import { type DebuggerEntry, startCollector } from '../src/index.js';
import { openStore } from '../src/store/open-store.js';
import { QUERY_ID, startTestCollector, type TestCollector, validEvent } from './helpers/test-collector.js';

type Feed = { entries: DebuggerEntry[]; nextBefore: number | null };
const MB2 = 2 * 1024 * 1024;

/** A valid batch whose JSON is exactly `size` bytes (padded with trailing spaces, still valid JSON). */
function batchOfSize(size: number): Buffer {
  const json = JSON.stringify({ events: [validEvent()] });
  return Buffer.from(json + ' '.repeat(size - json.length));
}

/** Waits until a log line matches (the log is written when the response or the socket closes). */
async function logLine(t: TestCollector, pattern: RegExp): Promise<string> {
  for (;;) {
    const found = t.logs.find((l) => pattern.test(l));
    if (found) return found;
    await new Promise((done) => setTimeout(done, 10));
  }
}

describe('oversized payloads never break list routes', () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector();
  });
  afterAll(() => t.close());

  it('payloads over 64 kB are listed as stubs; the full payload stays at /api/events/{id}', async () => {
    const pad = 'x'.repeat(1_990_000);
    for (let i = 0; i < 3; i++) {
      const res = await t.postEvents({ events: [validEvent({ userToken: `big-${i}`, pad })] });
      expect(res.status).toBe(200);
    }
    const res = await t.request('GET', '/api/events?limit=1000');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.length).toBeLessThan(100_000);
    const feed = JSON.parse(text) as Feed;
    expect(feed.entries).toHaveLength(3);
    const [newest] = feed.entries;
    expect(newest!.event).toEqual({
      truncated: true,
      bytes: expect.any(Number),
      eventType: 'click',
      eventName: 'Product Clicked',
      index: 'products',
      userToken: 'big-2',
    });
    expect((newest!.event as { bytes: number }).bytes).toBeGreaterThan(1_990_000);
    const full = await t.getJson<DebuggerEntry>(`/api/events/${newest!.id}`);
    expect((full.event as { pad: string }).pad).toBe(pad);

    const log = await t.request('GET', '/1/events?limit=1000');
    expect(log.status).toBe(200);
    const { events } = (await log.json()) as { events: { event: { truncated?: boolean } }[] };
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.event.truncated === true)).toBe(true);
  });

  it('a page stops at the byte budget with a nextBefore cursor; paging and tailing lose nothing', async () => {
    const fresh = await startTestCollector();
    try {
      // Just under the stub size, so each entry is listed whole: 100 × 60 kB ≈ 6 MB > 4 MB.
      const pad = 'y'.repeat(LIST_EVENT_MAX_BYTES - 4000);
      const count = 100;
      await fresh.collector.store.appendRequest({
        appId: fresh.appId,
        requestId: 'r1',
        receivedAt: Date.now(),
        status: 200,
        accepted: true,
        headers: { referer: null, userAgent: null, agent: null },
        device: 'unknown',
        entries: Array.from({ length: count }, (_, i) => ({
          event: validEvent({ userToken: `u${i}`, pad }),
          errors: [],
        })),
      });
      const seen: number[] = [];
      let before: number | null = null;
      let pages = 0;
      do {
        const res = await fresh.request('GET', `/api/events?limit=1000${before ? `&before=${before}` : ''}`);
        const text = await res.text();
        expect(Buffer.byteLength(text)).toBeLessThanOrEqual(LIST_BUDGET_BYTES + 1024);
        const page = JSON.parse(text) as Feed;
        expect(page.entries.every((e) => !(e.event as { truncated?: boolean }).truncated)).toBe(true);
        seen.push(...page.entries.map((e) => e.id));
        before = page.nextBefore;
        pages++;
      } while (before !== null);
      expect(pages).toBeGreaterThan(1);
      expect(new Set(seen).size).toBe(count);
      expect(seen).toEqual([...seen].sort((a, b) => b - a));

      // Tailing with after= walks forward from the oldest, also cut by size, without gaps.
      const tailed: number[] = [];
      let after = 0;
      for (;;) {
        const page = await fresh.getJson<Feed>(`/api/events?limit=1000&after=${after}`);
        if (page.entries.length === 0) break;
        tailed.push(...page.entries.map((e) => e.id));
        after = Math.max(...page.entries.map((e) => e.id));
      }
      expect(tailed.sort((a, b) => a - b)).toEqual([...seen].sort((a, b) => a - b));

      const log = await fresh.request('GET', '/1/events?limit=1000');
      expect(log.status).toBe(200);
      expect(Buffer.byteLength(await log.text())).toBeLessThanOrEqual(LIST_BUDGET_BYTES + 1024);
    } finally {
      await fresh.close();
    }
  });
});

describe('request hardening', () => {
  let t: TestCollector;
  let dashboardDir: string;
  beforeAll(async () => {
    dashboardDir = mkdtempSync(join(tmpdir(), 'sightline-dashboard-'));
    const dir = dashboardDir;
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>dashboard</title>');
    t = await startTestCollector({ logLevel: 'info', dashboardDir: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dashboardDir, { recursive: true, force: true });
  });

  it('recorded headers are capped at 512 characters with an ellipsis', async () => {
    const ua = `Mozilla/5.0 ${'A'.repeat(15_000)}`;
    const events = Array.from({ length: 5 }, () => validEvent({ userToken: 'ua-cap' }));
    expect(
      (await t.postEvents({ events }, { 'user-agent': ua, referer: `https://r.example/${'p'.repeat(900)}` }))
        .status,
    ).toBe(200);
    const { entries } = await t.getJson<Feed>('/api/events?userToken=ua-cap');
    for (const entry of entries) {
      expect(entry.headers.userAgent).toHaveLength(MAX_RECORDED_HEADER_LENGTH);
      expect(entry.headers.userAgent!.endsWith('…')).toBe(true);
      expect(entry.headers.userAgent!.startsWith('Mozilla/5.0 AAA')).toBe(true);
      expect(entry.headers.referer).toHaveLength(MAX_RECORDED_HEADER_LENGTH);
    }
    expect(entries[0]!.device).toBe('desktop');
  });

  it('logs only the authenticated app ID: swapped headers or keys in a mangled query never reach the log', async () => {
    const swapped = await t.request('GET', '/api/events', {
      auth: { appId: t.searchKey, apiKey: t.appId },
    });
    expect(swapped.status).toBe(401);
    const mangled = await fetch(
      `${t.url}/1/events?x-algolia-application-id=${t.appId};x-algolia-api-key=${t.searchKey}`,
      { method: 'POST', body: JSON.stringify({ events: [validEvent()] }) },
    );
    expect(mangled.status).toBe(401);
    const ok = await t.postEvents({ events: [validEvent()] });
    expect(ok.status).toBe(200);
    await logLine(t, /"path":"\/1\/events","status":200/);
    const lines = t.logs.filter((l) => l.includes('"msg":"request"'));
    expect(lines.some((l) => l.includes('"status":401') && l.includes('"appId":null'))).toBe(true);
    expect(lines.some((l) => l.includes('"status":200') && l.includes(`"appId":"${t.appId}"`))).toBe(true);
    const all = t.logs.join('');
    expect(all).not.toContain(t.searchKey);
    expect(all).not.toContain(t.adminKey);
  });

  it('a client that disconnects mid-body is logged at info as "client aborted", not as an error', async () => {
    const url = new URL(t.url);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise((done) => socket.once('connect', done));
    socket.write(
      `POST /1/events?X-Algolia-Application-Id=${t.appId}&X-Algolia-API-Key=${t.searchKey} HTTP/1.1\r\n` +
        'Host: x\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\n{"events":[',
    );
    // Let the server start reading the body before the client goes away.
    await new Promise((done) => setTimeout(done, 50));
    socket.destroy();
    const line = await logLine(t, /client aborted/);
    expect(JSON.parse(line)).toMatchObject({ level: 'info', msg: 'client aborted', path: '/1/events' });
    expect(line).not.toMatch(/stack|Error: aborted/);
    expect(t.logs.some((l) => l.includes('"level":"error"'))).toBe(false);
  });

  it('the 2 MB limit is the same raw and gzipped: exactly 2,097,152 bytes → 413 both ways', async () => {
    const exact = batchOfSize(MB2);
    const under = batchOfSize(MB2 - 1);
    const send = (body: Buffer, headers: Record<string, string> = {}) =>
      t.request('POST', `/1/events?X-Algolia-Application-Id=${t.appId}&X-Algolia-API-Key=${t.searchKey}`, {
        auth: 'none',
        body,
        headers: { 'content-type': 'text/plain', ...headers },
      });
    expect((await send(exact)).status).toBe(413);
    expect((await send(under)).status).toBe(200);
    const zipped = (body: Buffer) => send(gzipSync(body), { 'content-encoding': 'gzip' });
    expect((await zipped(exact)).status).toBe(413);
    expect((await zipped(under)).status).toBe(200);
  });

  it('a declared Content-Length of 2 MB or more is answered 413 at once, without reading the body', async () => {
    const url = new URL(t.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: `/1/events?X-Algolia-Application-Id=${t.appId}&X-Algolia-API-Key=${t.searchKey}`,
        headers: { 'content-length': '99999999999', 'content-type': 'text/plain' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
        req.destroy();
      });
      req.on('error', reject);
      // Only a few bytes ever go: the answer cannot wait for the rest.
      req.write('{"events":[');
    });
    expect(status).toBe(413);
  });

  it('POST /1/searches counts query length in code points and holds timestamps to the event window', async () => {
    const search = (extra: Record<string, unknown>) => ({
      queryID: QUERY_ID,
      index: 'products',
      query: 'tv',
      nbHits: 1,
      ...extra,
    });
    const post = (s: Record<string, unknown>) =>
      t.request('POST', '/1/searches', {
        auth: { appId: t.appId, apiKey: t.searchKey },
        body: JSON.stringify({ searches: [s] }),
      });
    // 300 emoji: 600 UTF-16 units but 300 characters.
    const emoji = await post(search({ query: '📺'.repeat(300) }));
    expect(emoji.status, await emoji.clone().text()).toBe(200);
    const long = await post(search({ queryID: 'f'.repeat(32), query: '📺'.repeat(513) }));
    expect(long.status).toBe(422);
    const message = ((await long.json()) as { message: string }).message;
    expect(message).toMatch(/at most 512 characters, got 513/);
    expect(message).not.toMatch(/got string/);
    const day = 86_400_000;
    const old = await post(search({ queryID: 'e'.repeat(32), timestamp: Date.now() - 31 * day }));
    expect(old.status).toBe(422);
    expect(((await old.json()) as { message: string }).message).toMatch(
      /timestamp.*more than 30 days in the past/,
    );
    const future = await post(search({ queryID: 'd'.repeat(32), timestamp: Date.now() + day }));
    expect(future.status).toBe(422);
    expect(((await future.json()) as { message: string }).message).toMatch(/ahead of the server clock/);
    const absurd = await post(search({ queryID: 'c'.repeat(32), timestamp: 9_000_000_000_000_000 }));
    expect(absurd.status).toBe(422);
  });

  it('GET /1/events wants ISO-8601 date-times and a plain decimal limit', async () => {
    for (const bad of [
      '/1/events?startDate=1',
      '/1/events?endDate=March%207',
      '/1/events?startDate=2026-01-02',
      '/1/events?limit=1e2',
      '/1/events?limit=0x10',
      '/1/events?limit=%205',
    ]) {
      const res = await t.request('GET', bad);
      expect(res.status, bad).toBe(400);
      expect(res.headers.get('x-sightline-error'), bad).toBe('QUERY_PARAM_INVALID');
    }
    const start = new Date(Date.now() - 60_000).toISOString();
    expect((await t.request('GET', `/1/events?startDate=${start}&limit=10`)).status).toBe(200);
    expect((await t.request('GET', '/1/events?startDate=2026-01-02T00:00:00%2B02:00')).status).toBe(200);
  });

  it('CORS preflight allows request-id and x-algolia-* but never echoes arbitrary headers', async () => {
    const pre = await fetch(`${t.url}/1/events`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'request-id, x-algolia-custom, x-evil, authorization, cookie',
      },
    });
    expect(pre.status).toBe(204);
    const allowed = pre.headers.get('access-control-allow-headers')!.split(', ');
    expect(allowed).toEqual(
      expect.arrayContaining(['request-id', 'x-algolia-request-id', 'x-algolia-custom']),
    );
    for (const h of ['x-evil', 'authorization', 'cookie']) expect(allowed).not.toContain(h);
  });

  it('GET / redirects to the dashboard; dashboard responses forbid framing and sniffing', async () => {
    const root = await fetch(`${t.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/dashboard/');
    const page = await fetch(`${t.url}/dashboard/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
  });

  it('an app ID in the wrong case gets a 403 that says app IDs are case-sensitive, never the key', async () => {
    const res = await t.request('GET', '/api/events', {
      auth: { appId: t.appId.toLowerCase(), apiKey: t.adminKey },
    });
    expect(res.status).toBe(403);
    const { message } = (await res.json()) as { message: string };
    expect(message).toContain(`"${t.appId.toLowerCase()}"`);
    expect(message).toContain(`"${t.appId}"`);
    expect(message).toMatch(/case-sensitive/);
    expect(message).not.toContain(t.adminKey);
    const other = await t.request('GET', '/api/events', {
      auth: { appId: 'OTHERAPP00', apiKey: t.adminKey },
    });
    const otherMessage = ((await other.json()) as { message: string }).message;
    expect(otherMessage).toMatch(/different application ID/);
    expect(otherMessage).not.toContain(t.appId);
  });

  it('a new SQLite data file and its WAL are private to the owner (0600)', () => {
    const file = join(t.dir, 'events.db');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
  });
});

describe('a start that cannot listen', () => {
  it('creates no credentials: the next start on the same store bootstraps and shows them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-busy-'));
    const busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
    try {
      const dataFile = join(dir, 'events.db');
      const { port } = busy.address() as AddressInfo;
      const start = (p: number) =>
        startCollector({ port: p, host: '127.0.0.1', dataFile, logLevel: 'silent', env: {} });
      await expect(start(port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
      const collector = await start(0);
      try {
        expect(collector.bootstrap).toMatchObject({
          appId: expect.any(String),
          adminKey: expect.any(String),
        });
      } finally {
        await collector.close();
      }
    } finally {
      await new Promise((done) => busy.close(done));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('per-IP rate limit', () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector({ rateLimitPerIp: 3 });
  });
  afterAll(() => t.close());

  it('limits a search-only key per client IP, leaves admin keys alone, and limits failed authentications', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.postEvents({ events: [validEvent()] })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await t.postEvents({ events: [validEvent()] });
    expect(refused.headers.get('x-sightline-error')).toBe('RATE_LIMITED_IP');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The admin key is not a public key: only its own per-key bucket applies.
    for (let i = 0; i < 5; i++) expect((await t.request('GET', '/api/events')).status).toBe(200);

    const bad = (apiKey: string) => t.request('GET', '/api/events', { auth: { appId: t.appId, apiKey } });
    const failures: number[] = [];
    for (let i = 0; i < 5; i++) failures.push((await bad(`made-up-${i}`)).status);
    expect(failures).toEqual([401, 401, 401, 429, 429]);
    expect((await bad('made-up-9')).headers.get('x-sightline-error')).toBe('RATE_LIMITED_IP');
    expect((await t.request('GET', '/api/events')).status).toBe(200);
  });

  it("requests one visitor's limit refuses do not spend the key's budget shared by every visitor", async () => {
    const shared = await startTestCollector({ rateLimitPerIp: 2, rateLimitPerMinute: 5 });
    try {
      const post = (localAddress: string) =>
        new Promise<{ status: number; error: string | undefined }>((resolve, reject) => {
          const req = httpRequest(
            `${shared.url}/1/events?x-algolia-application-id=${shared.appId}&x-algolia-api-key=${shared.searchKey}`,
            { method: 'POST', localAddress, headers: { 'content-type': 'text/plain' } },
            (res) => {
              res.resume();
              res.on('end', () =>
                resolve({ status: res.statusCode ?? 0, error: res.headers['x-sightline-error'] as string }),
              );
            },
          );
          req.on('error', reject);
          req.end(JSON.stringify({ events: [validEvent()] }));
        });
      const first: number[] = [];
      for (let i = 0; i < 6; i++) first.push((await post('127.0.0.1')).status);
      expect(first).toEqual([200, 200, 429, 429, 429, 429]);
      // Another visitor: the key's bucket (5 a minute) was spent twice, not six times.
      expect(await post('127.0.0.2')).toEqual({ status: 200, error: undefined });
      expect(await post('127.0.0.3')).toEqual({ status: 200, error: undefined });
      expect(await post('127.0.0.4')).toEqual({ status: 200, error: undefined });
      expect(await post('127.0.0.5')).toEqual({ status: 429, error: 'RATE_LIMITED' });
    } finally {
      await shared.close();
    }
  });

  it('--rate-limit-per-ip / SIGHTLINE_RATE_LIMIT_PER_IP resolve with a default of 6000, 0 = off', () => {
    expect(resolveConfig({}, {}).rateLimitPerIp).toBe(6000);
    expect(resolveConfig({}, { SIGHTLINE_RATE_LIMIT_PER_IP: '0' }).rateLimitPerIp).toBe(0);
    expect(() => resolveConfig({ rateLimitPerIp: -1 }, {})).toThrow(/--rate-limit-per-ip must be an integer/);
  });

  it('unknown keys are cached negatively: a flood of one made-up key queries the store once per cache period', async () => {
    const store = await openStore({
      kind: 'sqlite',
      dataFile: join(t.dir, 'auth.db'),
      synchronous: 'NORMAL',
    });
    try {
      let lookups = 0;
      const counting = {
        ...store,
        findKeyByHash: (hash: string) => {
          lookups++;
          return store.findKeyByHash(hash);
        },
      };
      let now = 1_000_000;
      const auth = createAuthenticator(counting, 5000, () => now);
      const credentials = { appId: 'APP', apiKey: 'made-up' };
      for (let i = 0; i < 10; i++)
        await expect(auth.authenticate(credentials, 'search')).rejects.toThrow(/unknown/);
      expect(lookups).toBe(1);
      now += 5001;
      await expect(auth.authenticate(credentials, 'search')).rejects.toThrow(/unknown/);
      expect(lookups).toBe(2);
    } finally {
      await store.close();
    }
  });
});
