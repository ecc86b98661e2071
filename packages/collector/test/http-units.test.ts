import { describe, expect, it } from 'vitest';
import { allows, generateApiKey, hashApiKey, keyPrefix, parseAcls } from '../src/apps/api-keys.js';
import { renderProgress } from '../src/cli/progress.js';
import { deviceClass } from '../src/http/client-info.js';
import { createRateLimiter } from '../src/http/rate-limit.js';
import { createRouter, type Route } from '../src/http/router.js';

describe('token bucket', () => {
  it('allows a minute’s worth at once, then refills continuously', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('k').allowed).toBe(true);
    const refused = limiter.take('k');
    expect(refused).toMatchObject({ allowed: false, limit: 60, remaining: 0, retryAfterSeconds: 1 });
    expect(refused.resetAt).toBe(Math.ceil((now + 60_000) / 1000));
    expect(limiter.take('other').allowed).toBe(true);
    now += 1000; // one token back
    expect(limiter.take('k').allowed).toBe(true);
    expect(limiter.take('k').allowed).toBe(false);
    now += 10 * 60_000; // never more than the capacity
    expect(limiter.take('k').remaining).toBe(59);
  });

  it('Retry-After covers the time to one token', () => {
    const now = 0;
    const limiter = createRateLimiter(2, () => now);
    limiter.take('k');
    limiter.take('k');
    expect(limiter.take('k').retryAfterSeconds).toBe(30);
  });

  it('0 per minute means off', () => {
    expect(createRateLimiter(0).enabled).toBe(false);
  });
});

describe('API keys', () => {
  it('are 32 random hex characters, stored as SHA-256, listed by a 6-character prefix', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(generateApiKey()).not.toBe(key);
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).not.toContain(key);
    expect(keyPrefix(key)).toBe(key.slice(0, 6));
  });

  it('admin implies every ACL; ACL lists are parsed strictly', () => {
    expect(allows(['admin'], 'deleteObject')).toBe(true);
    expect(allows(['search'], 'analytics')).toBe(false);
    expect(parseAcls('search, analytics,search')).toEqual({ acls: ['search', 'analytics'], unknown: [] });
    expect(parseAcls('search,write')).toEqual({ acls: ['search'], unknown: ['write'] });
  });
});

describe('device class', () => {
  it.each([
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36', 'mobile'],
    ['Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)', 'mobile'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120', 'desktop'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Safari/605', 'desktop'],
    ['node', 'unknown'],
    ['curl/8.0', 'unknown'],
    [null, 'unknown'],
  ])('%s → %s', (ua, expected) => {
    expect(deviceClass(ua)).toBe(expected);
  });
});

describe('router', () => {
  const route = (method: Route['method'], path: string): Route => ({
    method,
    path,
    acl: null,
    handle: () => {},
  });
  const router = createRouter([
    route('POST', '/1/events'),
    route('GET', '/1/events'),
    route('DELETE', '/1/usertokens/:userToken'),
    route('GET', '/dashboard/*'),
  ]);

  it('matches methods, decodes params, reports 405 with the allowed methods', () => {
    expect(router.match('POST', '/1/events')).toMatchObject({ kind: 'found', route: { method: 'POST' } });
    expect(router.match('HEAD', '/1/events')).toMatchObject({ kind: 'found', route: { method: 'GET' } });
    expect(router.match('DELETE', '/1/usertokens/a%2Fb')).toMatchObject({
      kind: 'found',
      params: { userToken: 'a/b' },
    });
    expect(router.match('PUT', '/1/events')).toEqual({
      kind: 'method-not-allowed',
      allow: ['POST', 'GET', 'OPTIONS'],
    });
    expect(router.match('DELETE', '/1/usertokens/')).toEqual({ kind: 'not-found' });
    // Broken percent-encoding still matches the route, flagged, so it can answer 422 rather than 404.
    expect(router.match('DELETE', '/1/usertokens/%E0%A4%A')).toMatchObject({
      kind: 'found',
      params: { userToken: '%E0%A4%A' },
      malformed: 'userToken',
    });
    expect(router.match('DELETE', '/1/usertokens/a%2Fb')).not.toHaveProperty('malformed');
    expect(router.match('GET', '/dashboard/assets/app.js')).toMatchObject({
      kind: 'found',
      params: { '*': 'assets/app.js' },
    });
    expect(router.match('GET', '/1/events/extra')).toEqual({ kind: 'not-found' });
  });
});

describe('progress bar', () => {
  it('renders a frame', () => {
    expect(renderProgress(0, 4, 4)).toBe('[....]   0% 0/4');
    expect(renderProgress(2, 4, 4)).toBe('[##..]  50% 2/4');
    expect(renderProgress(5, 4, 4)).toBe('[####] 100% 5/4');
    expect(renderProgress(0, 0, 4)).toBe('[####] 100% 0/0');
  });
});
