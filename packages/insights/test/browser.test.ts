// Sightline's built UMD/IIFE in real Chromium: cookies, hostile pages, transport fallbacks, and the
// "deliberately better" items that only a browser can show. Pages come from http://127.0.0.1.

import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../test/helpers/chromium.js';
import {
  type Library,
  ORACLE_UMD,
  SIGHTLINE_CORE_UMD,
  SIGHTLINE_IIFE,
  SIGHTLINE_UMD,
  servePages,
} from './helpers/browser-pages.js';
import { type CaptureServer, startCaptureServer } from './helpers/capture-server.js';

let browser: Browser;
let server: CaptureServer;
beforeAll(async () => {
  browser = await launchChromium();
  server = await startCaptureServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const TOKEN = /^anonymous-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function open(library: Library, name: string, options: Parameters<typeof servePages>[2] = {}) {
  servePages(server, name, options);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}/${library}-${name}.html`);
  return { context, page, errors };
}

/** Calls a method on the page's client instance and returns a JSON-able result. */
function call(page: Page, method: string, ...args: unknown[]) {
  return page.evaluate(
    async ({ method, args, host }) => {
      const instance = (
        window as unknown as { AlgoliaAnalytics: { default: Record<string, (...a: unknown[]) => unknown> } }
      ).AlgoliaAnalytics.default;
      const fill = (value: unknown) => (value === '$HOST' ? host : value);
      const revived = args.map((arg) =>
        arg && typeof arg === 'object' && !Array.isArray(arg)
          ? Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, fill(v)]))
          : arg,
      );
      try {
        return { value: await instance[method]!(...revived) };
      } catch (error) {
        return { error: String(error) };
      }
    },
    { method, args, host: server.url },
  );
}

const init = { appId: 'A', apiKey: 'K', host: '$HOST' };
const event = { eventName: 'Clicked', index: 'products', objectIDs: ['p1'] };

describe('the _ALGOLIA cookie', () => {
  it('path=/, SameSite=Lax, expiry now + cookieDuration, reused when anonymous', async () => {
    const { context, page } = await open('sightline', 'cookie');
    const before = Date.now();
    await call(page, 'init', { ...init, useCookie: true, cookieDuration: 3_600_000 });
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: '_ALGOLIA', path: '/', sameSite: 'Lax', secure: false });
    expect(cookie!.value).toMatch(TOKEN);
    expect(cookie!.expires * 1000).toBeGreaterThanOrEqual(
      Math.floor(before / 1000) * 1000 + 3_600_000 - 1000,
    );
    expect(cookie!.expires * 1000).toBeLessThanOrEqual(Date.now() + 3_600_000 + 1000);
    // A second page load reuses the cookie's token.
    await page.reload();
    await call(page, 'init', { ...init, useCookie: true });
    expect((await call(page, 'getUserToken')).value).toBe(cookie!.value);
    await context.close();
  });

  it('setAnonymousUserToken(true) makes a new token each call and touches no cookie', async () => {
    const { context, page } = await open('sightline', 'cookie');
    await call(page, 'init', init);
    await call(page, 'setAnonymousUserToken', true);
    const first = (await call(page, 'getUserToken')).value;
    await call(page, 'setAnonymousUserToken', true);
    const second = (await call(page, 'getUserToken')).value;
    expect(first).toMatch(TOKEN);
    expect(second).toMatch(TOKEN);
    expect(second).not.toBe(first);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('a non-anonymous _ALGOLIA value is replaced; a malformed unrelated cookie never breaks the read', async () => {
    const { context, page } = await open('sightline', 'cookie');
    await page.evaluate(() => {
      // biome-ignore lint/suspicious/noDocumentCookie: setting up the page's cookies is the test.
      document.cookie = 'broken=%E0%A4%A; path=/';
      // biome-ignore lint/suspicious/noDocumentCookie: as above.
      document.cookie = '_ALGOLIA=user-42; path=/';
    });
    await call(page, 'setAnonymousUserToken');
    const token = (await call(page, 'getUserToken')).value as string;
    expect(token).toMatch(TOKEN);
    await page.evaluate(() => {
      // biome-ignore lint/suspicious/noDocumentCookie: as above.
      document.cookie = 'zz=%%%; path=/';
    });
    await call(page, 'init', { ...init, userToken: 'other' });
    await call(page, 'setAnonymousUserToken');
    expect((await call(page, 'getUserToken')).value).toBe(token);
    await context.close();
  });

  it('opting out removes the cookie and the remembered queries', async () => {
    const { context, page } = await open('sightline', 'cookie');
    await call(page, 'init', { ...init, useCookie: true });
    await call(page, 'clickedObjectIDsAfterSearch', {
      ...event,
      queryID: '0123456789abcdef0123456789abcdef',
      positions: [1],
    });
    expect(await page.evaluate(() => Object.keys(localStorage).length)).toBe(1);
    await call(page, 'init', { ...init, userHasOptedOut: true });
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    await context.close();
  });
});

/** Run against both builds: the oracle throws into the page where Sightline must not. */
const COOKIE_THROWS = `Object.defineProperty(Document.prototype, 'cookie', {
  configurable: true, get() { throw new DOMException('blocked', 'SecurityError'); }, set() { throw new DOMException('blocked', 'SecurityError'); } });`;
const STORAGE_THROWS = `Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('denied', 'SecurityError'); } });`;

describe('hostile pages (Chromium)', () => {
  it('document.cookie that throws: setAnonymousUserToken() changes nothing; nothing throws', async () => {
    const theirs = await open('oracle', 'nocookie', { before: COOKIE_THROWS });
    expect((await call(theirs.page, 'setAnonymousUserToken')).error).toContain('blocked');
    await theirs.context.close();

    const { context, page, errors } = await open('sightline', 'nocookie', { before: COOKIE_THROWS });
    const tokens: unknown[] = [];
    await page.exposeFunction('record', (t: unknown) => tokens.push(t));
    await page.evaluate(() => {
      (
        window as unknown as { AlgoliaAnalytics: { default: { onUserTokenChange(cb: unknown): void } } }
      ).AlgoliaAnalytics.default.onUserTokenChange((t: unknown) =>
        (window as unknown as { record(t: unknown): void }).record(t),
      );
    });
    expect(await call(page, 'setAnonymousUserToken')).toEqual({});
    expect((await call(page, 'getUserToken')).value).toBeUndefined();
    expect(await call(page, 'init', { ...init, useCookie: true })).toEqual({});
    expect((await call(page, 'getUserToken')).value).toBeUndefined();
    expect(tokens).toEqual([]);
    // Events still go out, with an in-memory token.
    const before = server.requests.length;
    expect((await call(page, 'clickedObjectIDs', event)).value).toBe(true);
    await server.waitFor(before + 1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('cookies disabled in the browser (navigator.cookieEnabled false): setAnonymousUserToken() does nothing', async () => {
    const { context, page } = await open('sightline', 'cookieoff', {
      before: `Object.defineProperty(Navigator.prototype, 'cookieEnabled', { get: () => false });`,
    });
    await call(page, 'setAnonymousUserToken');
    expect((await call(page, 'getUserToken')).value).toBeUndefined();
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('localStorage that throws: remembered queries live in memory for the page', async () => {
    const { context, page, errors } = await open('sightline', 'nostorage', { before: STORAGE_THROWS });
    await call(page, 'init', { ...init, userToken: 'u' });
    const before = server.requests.length;
    await call(page, 'clickedObjectIDsAfterSearch', {
      ...event,
      queryID: '0123456789abcdef0123456789abcdef',
      positions: [1],
    });
    expect((await call(page, 'purchasedObjectIDs', event, { inferQueryID: true })).value).toBe(true);
    await server.waitFor(before + 2);
    const purchase = server.requests.slice(before).find((r) => r.text.includes('"purchase"'))!;
    expect(purchase.body).toMatchObject({ events: [{ objectIDsWithInferredQueryID: ['p1'] }] });
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const [label, beacon] of [
    ['returns false', 'Navigator.prototype.sendBeacon = function () { return false; };'],
    ['throws', "Navigator.prototype.sendBeacon = function () { throw new TypeError('quota'); };"],
    ['is missing', 'delete Navigator.prototype.sendBeacon;'],
  ] as const) {
    it(`sendBeacon ${label}: falls back to XHR with application/json`, async () => {
      const { context, page, errors } = await open('sightline', `beacon-${label.replace(' ', '-')}`, {
        before: beacon,
      });
      await call(page, 'init', { ...init, userToken: 'u' });
      const before = server.requests.length;
      expect((await call(page, 'clickedObjectIDs', event)).value).toBe(true);
      const request = server.requests[before]!;
      expect(request.contentType).toBe('application/json');
      expect(request.body).toMatchObject({ events: [{ eventName: 'Clicked', userToken: 'u' }] });
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('no crypto.randomUUID (plain-http pages): anonymous tokens still work', async () => {
    const { context, page } = await open('sightline', 'nouuid', {
      before: 'delete Crypto.prototype.randomUUID;',
    });
    expect(await page.evaluate(() => typeof crypto.randomUUID)).toBe('undefined');
    await call(page, 'init', { ...init, useCookie: true });
    expect((await call(page, 'getUserToken')).value).toMatch(TOKEN);
    await context.close();
  });

  it('XHR answering non-200 resolves false; a network error resolves false instead of rejecting', async () => {
    const { context, page } = await open('sightline', 'xhrfail', {
      before: 'Navigator.prototype.sendBeacon = function () { return false; };',
    });
    await call(page, 'init', { ...init, userToken: 'u' });
    server.status = 422;
    try {
      expect(await call(page, 'clickedObjectIDs', event)).toEqual({ value: false });
    } finally {
      server.status = 200;
    }
    await call(page, 'init', { ...init, host: 'http://127.0.0.1:1', userToken: 'u' });
    expect(await call(page, 'clickedObjectIDs', event)).toEqual({ value: false });
    await context.close();
  });
});

describe('snippet queue and builds', () => {
  const queued = `
    aa('init', { appId: 'A', apiKey: 'K', host: location.origin, userToken: 'u' });
    aa('init', { region: 'fr' });
    aa('clickedObjectIDs', { eventName: 'After a failing call', index: 'products', objectIDs: ['p1'] });`;

  it('one failing queued call never stops the calls after it (the oracle stops)', async () => {
    for (const library of ['oracle', 'sightline'] as const) {
      const before = server.requests.length;
      const { context, page, errors } = await open(library, 'failing-queue', { queued });
      const token = await page.evaluate(() =>
        (
          window as unknown as { AlgoliaAnalytics?: { default?: { getUserToken(): unknown } } }
        ).AlgoliaAnalytics?.default?.getUserToken(),
      );
      if (library === 'oracle') {
        // The exception escapes the script: the client is not even published.
        expect(errors.join()).toContain('region');
        expect(token).toBeUndefined();
      } else {
        expect(errors).toEqual([]);
        expect(token).toBe('u');
        await server.waitFor(before + 1);
        expect(server.requests[before]!.body).toMatchObject({
          events: [{ eventName: 'After a failing call' }],
        });
      }
      await context.close();
    }
  });

  it("the official snippet's stub reports the API level once any <script> build took it over", async () => {
    // Algolia's snippet sets the stub's `version` from the script URL's `@…` part: `sightline`
    // here, which InstantSearch would read as an old client.
    const snippet = (src: string) =>
      `!function(e,a,t,n,s,i,c){e.AlgoliaAnalyticsObject=s,e[s]=e[s]||function(){(e[s].queue=e[s].queue||[]).push(arguments)},e[s].version=(n.match(/@([^\\/]+)\\/?/)||[])[1],i=a.createElement(t),c=a.getElementsByTagName(t)[0],i.async=1,i.src=n,c.parentNode.insertBefore(i,c)}(window,document,"script","${src}","aa");`;
    for (const [name, file] of [
      ['umd', SIGHTLINE_UMD],
      ['iife', SIGHTLINE_IIFE],
      ['core', SIGHTLINE_CORE_UMD],
    ] as const) {
      const src = `/npm/@sightline/insights@0.1.0/dist/${name}.js`;
      server.pages.set(src, ['text/javascript', readFileSync(file, 'utf8')]);
      server.pages.set(`/official-snippet-${name}.html`, [
        'text/html',
        `<!doctype html><html><head><script>${snippet(src)}\nwindow.stubVersion = aa.version;</script></head><body></body></html>`,
      ]);
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/official-snippet-${name}.html`);
      await page.waitForFunction(() => 'AlgoliaAnalytics' in window);
      const versions = await page.evaluate(() => {
        const w = window as unknown as { stubVersion?: string; aa: { version?: string } };
        return { before: w.stubVersion, after: w.aa.version };
      });
      expect({ name, ...versions }).toEqual({ name, before: 'sightline', after: '2.18.0' });
      await context.close();
    }
  });

  it('UMD exposes window.AlgoliaAnalytics.createInsightsClient; IIFE never calls define()', async () => {
    const amd = `window.defineCalls = 0; window.define = function () { window.defineCalls++; }; window.define.amd = {};`;
    const umd = await open('sightline', 'amd-umd', {
      before: amd,
      script: { oracle: ORACLE_UMD, sightline: SIGHTLINE_UMD },
    });
    expect(await umd.page.evaluate(() => (window as unknown as { defineCalls: number }).defineCalls)).toBe(1);
    await umd.context.close();
    const iife = await open('sightline', 'amd-iife', {
      before: amd,
      script: { oracle: ORACLE_UMD, sightline: SIGHTLINE_IIFE },
    });
    const state = await iife.page.evaluate(() => {
      const w = window as unknown as { defineCalls: number; AlgoliaAnalytics: Record<string, unknown> };
      return { defineCalls: w.defineCalls, create: typeof w.AlgoliaAnalytics.createInsightsClient };
    });
    expect(state).toEqual({ defineCalls: 0, create: 'function' });
    await iife.context.close();
    const plain = await open('sightline', 'plain-umd');
    expect(
      await plain.page.evaluate(
        () =>
          typeof (window as unknown as { AlgoliaAnalytics: Record<string, unknown> }).AlgoliaAnalytics
            .createInsightsClient,
      ),
    ).toBe('function');
    await plain.context.close();
  });
});
