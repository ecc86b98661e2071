import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CatalogIndex } from '@sightline/demo-catalog';
import type { DemoPageConfig, SearchResponse, SuggestResponse } from '../shared/types.js';
import type { Suggester } from './catalog/suggest.js';
import { DemoError } from './errors.js';
import type { ResolvedDemoOptions } from './options.js';
import { platformTag } from './platform-tag.js';
import { newQueryID } from './query-id.js';
import type { SearchReporter } from './search-reporter.js';
import { sendFile, serveFile } from './static-files.js';

/** What the request handler needs, built once by startDemo. */
export interface DemoContext {
  options: ResolvedDemoOptions;
  catalog: CatalogIndex;
  suggest: Suggester;
  reporter: SearchReporter;
  /** index.html with the page configuration already in it. */
  page: string;
}

/** The shop pages are routed in the browser; the server answers these paths with index.html. */
const PAGE_PATHS = /^\/(?:|search|cart|product\/[^/]+)$/;

/** Routes one request of the demo server. */
export async function handleRequest(
  ctx: DemoContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://demo.invalid');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendJson(res, 405, { message: `${req.method} is not allowed; the demo only serves GET.` });
  }
  try {
    if (url.pathname === '/api/search') return sendJson(res, 200, search(ctx, url, req));
    if (url.pathname === '/api/suggest') {
      const body: SuggestResponse = { suggestions: ctx.suggest(url.searchParams.get('q') ?? '') };
      return sendJson(res, 200, body);
    }
    if (url.pathname.startsWith('/api/products/')) {
      const product = ctx.catalog.get(decodeOrEmpty(url.pathname.slice('/api/products/'.length)));
      if (product) return sendJson(res, 200, product);
      return sendJson(res, 404, { message: 'No such product.' });
    }
    if (url.pathname === '/insights.js' && (await sendFile(res, ctx.options.clientScript))) return;
    if (PAGE_PATHS.test(url.pathname)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(ctx.page);
      return;
    }
    if (url.pathname !== '/index.html' && (await serveFile(res, ctx.options.webRoot, url.pathname))) return;
    sendJson(res, 404, { message: `Nothing at ${url.pathname}.` });
  } catch (error) {
    if (error instanceof DemoError) return sendJson(res, 400, { code: error.code, message: error.message });
    throw error;
  }
}

/** `GET /api/search?q=&page=&hitsPerPage=&userToken=`: one page of hits with a fresh queryID. */
function search(ctx: DemoContext, url: URL, req: IncomingMessage): SearchResponse {
  const query = url.searchParams.get('q') ?? '';
  const page = integerParam(url, 'page', 0, 0, Number.MAX_SAFE_INTEGER);
  const hitsPerPage = integerParam(url, 'hitsPerPage', 12, 1, 100);
  const result = ctx.catalog.search({ query, page, hitsPerPage });
  const queryID = newQueryID();
  // Like an Algolia search with clickAnalytics: the page passes the Insights user token; the
  // _ALGOLIA cookie (same origin) covers pages whose client has not loaded yet.
  const userToken = url.searchParams.get('userToken') || readCookie(req, '_ALGOLIA');
  ctx.reporter.report({
    queryID,
    index: ctx.options.index,
    query,
    nbHits: result.nbHits,
    ...(userToken ? { userToken } : {}),
    timestamp: Date.now(),
    analyticsTags: [platformTag(req.headers['user-agent'])],
  });
  return { ...result, query, queryID, index: ctx.options.index };
}

/** The configuration the page gets as `window.SIGHTLINE_DEMO`. */
export function pageConfig(options: ResolvedDemoOptions): DemoPageConfig {
  return {
    appId: options.appId,
    apiKey: options.searchApiKey,
    host: options.collectorUrl,
    index: options.index,
    currency: options.currency,
  };
}

function integerParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DemoError(
      'DEMO_BAD_PARAMETER',
      `"${name}" must be an integer from ${min} to ${max} (got "${raw}").`,
    );
  }
  return value;
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeOrEmpty(value.join('=')) || undefined;
  }
  return undefined;
}

/** Percent-decodes, or gives '' for malformed input (which then matches nothing). */
function decodeOrEmpty(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}
