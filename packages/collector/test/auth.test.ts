import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey, keyPrefix } from '../src/apps/api-keys.js';
import type { DebuggerEntry } from '../src/index.js';
import { startTestCollector, type TestCollector, validEvent } from './helpers/test-collector.js';

describe('auth matrix', () => {
  let t: TestCollector;
  let analyticsKey: string;
  let deleteKey: string;
  let revokedKey: string;
  let otherApp: { appId: string; key: string };

  async function addKey(appId: string, acl: ('search' | 'analytics' | 'deleteObject' | 'admin')[]) {
    const key = generateApiKey();
    const record = await t.collector.store.createKey({
      appId,
      hash: hashApiKey(key),
      prefix: keyPrefix(key),
      acl,
      description: '',
    });
    return { key, id: record.id };
  }

  beforeAll(async () => {
    t = await startTestCollector({ logLevel: 'debug' });
    analyticsKey = (await addKey(t.appId, ['analytics'])).key;
    deleteKey = (await addKey(t.appId, ['deleteObject'])).key;
    const revoked = await addKey(t.appId, ['admin']);
    revokedKey = revoked.key;
    await t.collector.store.revokeKey(revoked.id);
    await t.collector.store.createApp({ appId: 'OTHERAPP01', name: 'other' });
    otherApp = { appId: 'OTHERAPP01', key: (await addKey('OTHERAPP01', ['admin'])).key };
  });
  afterAll(() => t.close());

  const body = JSON.stringify({ events: [validEvent()] });
  const routes = [
    { method: 'POST', path: '/1/events', acl: 'search', body },
    { method: 'POST', path: '/1/searches', acl: 'search', body: JSON.stringify({ searches: [] }) },
    { method: 'GET', path: '/1/events', acl: 'analytics' },
    { method: 'GET', path: '/api/events', acl: 'analytics' },
    { method: 'GET', path: '/api/events/1', acl: 'analytics' },
    { method: 'DELETE', path: '/1/usertokens/user-1', acl: 'deleteObject' },
  ] as const;

  it.each(routes)('$method $path: missing credentials → 401 AUTH_MISSING', async ({ method, path, ...r }) => {
    const res = await t.request(method, path, { body: 'body' in r ? r.body : undefined, auth: 'none' });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-sightline-error')).toBe('AUTH_MISSING');
    expect(await res.json()).toEqual({
      status: 401,
      message: expect.stringMatching(/application ID and API key.*Fix:/),
    });
  });

  it.each(routes)(
    '$method $path: only the app ID → 401 naming the API key',
    async ({ method, path, ...r }) => {
      const res = await t.request(method, path, {
        body: 'body' in r ? r.body : undefined,
        auth: { appId: t.appId },
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toMatch(/Missing: API key/);
    },
  );

  it.each(routes)('$method $path: wrong key → 401 AUTH_INVALID_KEY', async ({ method, path, ...r }) => {
    const res = await t.request(method, path, {
      body: 'body' in r ? r.body : undefined,
      auth: { appId: t.appId, apiKey: generateApiKey() },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-sightline-error')).toBe('AUTH_INVALID_KEY');
  });

  it.each(routes)('$method $path: revoked key → 401', async ({ method, path, ...r }) => {
    const res = await t.request(method, path, {
      body: 'body' in r ? r.body : undefined,
      auth: { appId: t.appId, apiKey: revokedKey },
    });
    expect(res.status).toBe(401);
  });

  it.each(routes)(
    '$method $path: a key of another application → 403 AUTH_APP_MISMATCH',
    async ({ method, path, ...r }) => {
      const res = await t.request(method, path, {
        body: 'body' in r ? r.body : undefined,
        auth: { appId: t.appId, apiKey: otherApp.key },
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('x-sightline-error')).toBe('AUTH_APP_MISMATCH');
    },
  );

  it.each(routes)(
    '$method $path needs $acl: other ACLs → 403, the right one or admin passes auth',
    async ({ method, path, acl, ...r }) => {
      const keys = { search: t.searchKey, analytics: analyticsKey, deleteObject: deleteKey };
      for (const [granted, apiKey] of Object.entries(keys)) {
        const res = await t.request(method, path, {
          body: 'body' in r ? r.body : undefined,
          auth: { appId: t.appId, apiKey },
        });
        if (granted === acl) expect(res.status, granted).not.toBe(403);
        else {
          expect(res.status, granted).toBe(403);
          expect(res.headers.get('x-sightline-error')).toBe('AUTH_ACL_MISSING');
          expect(((await res.json()) as { message: string }).message).toContain(`needs ${acl}`);
        }
      }
      const admin = await t.request(method, path, { body: 'body' in r ? r.body : undefined });
      expect([401, 403]).not.toContain(admin.status);
    },
  );

  it('credentials in the query string match in any case', async () => {
    for (const [appParam, keyParam] of [
      ['X-Algolia-Application-Id', 'X-Algolia-API-Key'],
      ['x-algolia-application-id', 'x-algolia-api-key'],
      ['X-ALGOLIA-APPLICATION-ID', 'x-Algolia-Api-Key'],
    ]) {
      const res = await fetch(`${t.url}/1/events?${appParam}=${t.appId}&${keyParam}=${t.searchKey}`, {
        method: 'POST',
        body,
      });
      expect(res.status, appParam).toBe(200);
    }
  });

  it('applications never see each other’s data', async () => {
    const asOther = { appId: otherApp.appId, apiKey: otherApp.key };
    const post = await t.request('POST', '/1/events', {
      body: JSON.stringify({ events: [validEvent({ userToken: 'shared-token', index: 'other-index' })] }),
      auth: asOther,
    });
    expect(post.status).toBe(200);
    await t.postEvents({ events: [validEvent({ userToken: 'shared-token', index: 'mine' })] });

    const mine = await t.getJson<{ entries: DebuggerEntry[] }>('/api/events?limit=1000');
    expect(mine.entries.some((e) => (e.event as { index?: string } | null)?.index === 'other-index')).toBe(
      false,
    );
    const theirs = (await (await t.request('GET', '/api/events', { auth: asOther })).json()) as {
      entries: DebuggerEntry[];
    };
    expect(theirs.entries.map((e) => (e.event as { index: string }).index)).toEqual(['other-index']);

    // Another app's entry id is "not found", not "forbidden": its existence does not leak.
    const foreignId = theirs.entries[0]!.id;
    expect((await t.request('GET', `/api/events/${foreignId}`)).status).toBe(404);
    expect((await t.request('GET', `/api/events/${foreignId}`, { auth: asOther })).status).toBe(200);

    // Deleting the token in my app leaves the other app's events alone.
    expect((await t.request('DELETE', '/1/usertokens/shared-token')).status).toBe(204);
    const after = (await (
      await t.request('GET', '/api/events?userToken=shared-token', { auth: asOther })
    ).json()) as { entries: unknown[] };
    expect(after.entries).toHaveLength(1);
    expect(
      (await t.getJson<{ entries: unknown[] }>('/api/events?userToken=shared-token')).entries,
    ).toHaveLength(0);
  });

  it('never writes an API key into the log', async () => {
    await t.request(
      'GET',
      `/api/events?x-algolia-api-key=${t.adminKey}&x-algolia-application-id=${t.appId}`,
      { auth: 'none' },
    );
    await t.request('GET', '/api/events', { auth: { appId: t.appId, apiKey: revokedKey } });
    await t.request('GET', '/nowhere', { auth: { appId: t.appId, apiKey: t.adminKey } });
    const log = t.logs.join('');
    expect(log).toContain('"msg":"request"');
    expect(log).toContain('"path":"/api/events"');
    for (const key of [t.searchKey, t.adminKey, analyticsKey, deleteKey, revokedKey, otherApp.key])
      expect(log).not.toContain(key);
    for (const line of t.logs) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (parsed.msg === 'request')
        expect(Object.keys(parsed).sort()).toEqual([
          'appId',
          'level',
          'method',
          'ms',
          'msg',
          'path',
          'status',
          'time',
        ]);
    }
  });
});

describe('rate limits per key', () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector({ rateLimitPerMinute: 3 });
  });
  afterAll(() => t.close());

  it('a token bucket per key: 429 with Retry-After and x-ratelimit-* once it is empty', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await t.postEvents({ events: [validEvent()] });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(last!.headers.get('x-ratelimit-limit')).toBe('3');
    expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(last!.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(await last!.json()).toEqual({
      status: 429,
      message: expect.stringMatching(/Too many requests.*Fix:/),
    });
    // The admin key has its own bucket.
    expect((await t.request('GET', '/api/events')).status).toBe(200);
  });
});
