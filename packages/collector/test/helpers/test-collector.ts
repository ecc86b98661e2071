import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningCollector, type StartCollectorOptions, startCollector } from '../../src/index.js';

/** A collector on a free port with a fresh SQLite file, plus helpers to call it. */
export interface TestCollector {
  collector: RunningCollector;
  url: string;
  dir: string;
  appId: string;
  searchKey: string;
  adminKey: string;
  /** Every JSON log line written so far. */
  logs: string[];
  /** Sends a request with the admin key in headers unless `auth` says otherwise. */
  request(
    method: string,
    path: string,
    init?: {
      body?: string | Buffer;
      headers?: Record<string, string>;
      auth?: { appId?: string; apiKey?: string } | 'query' | 'none';
    },
  ): Promise<Response>;
  /** POST /1/events with the search key in the query string, as search-insights sends it. */
  postEvents(body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** GET a JSON route with the admin key. */
  getJson<T = unknown>(path: string): Promise<T>;
  close(): Promise<void>;
}

/** Starts a collector isolated from the environment (env `{}`), logging into memory. */
export async function startTestCollector(options: StartCollectorOptions = {}): Promise<TestCollector> {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-collector-'));
  const logs: string[] = [];
  const collector = await startCollector({
    port: 0,
    host: '127.0.0.1',
    dataFile: join(dir, 'events.db'),
    logLevel: 'silent',
    keyCacheSeconds: 0,
    dashboardDir: join(dir, 'no-dashboard'),
    env: {},
    logSink: (line) => logs.push(line),
    ...options,
  });
  const boot = collector.bootstrap;
  if (!boot) throw new Error('expected a bootstrapped store');
  const { appId, searchKey, adminKey } = boot;
  const request: TestCollector['request'] = (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    let url = `${collector.url}${path}`;
    const auth = init.auth ?? { appId, apiKey: adminKey };
    if (auth === 'query') {
      url += `${path.includes('?') ? '&' : '?'}X-Algolia-Application-Id=${appId}&X-Algolia-API-Key=${searchKey}`;
    } else if (auth !== 'none') {
      if (auth.appId !== undefined) headers['x-algolia-application-id'] = auth.appId;
      if (auth.apiKey !== undefined) headers['x-algolia-api-key'] = auth.apiKey;
    }
    return fetch(url, {
      method,
      headers,
      body: typeof init.body === 'string' ? init.body : init.body && new Uint8Array(init.body),
    });
  };
  return {
    collector,
    url: collector.url,
    dir,
    appId,
    searchKey,
    adminKey,
    logs,
    request,
    postEvents: (body, headers) =>
      request('POST', '/1/events', {
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': 'text/plain', ...headers },
        auth: 'query',
      }),
    async getJson<T>(path: string) {
      const res = await request('GET', path);
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async close() {
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid event of each common shape; `now` keeps timestamps inside the window. */
export function validEvent(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventType: 'click',
    eventName: 'Product Clicked',
    index: 'products',
    userToken: 'user-1',
    objectIDs: ['sku-1'],
    ...extra,
  };
}

/** A 32-hex query ID. */
export const QUERY_ID = '0123456789abcdef0123456789abcdef';
