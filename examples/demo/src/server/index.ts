import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildCatalog, createCatalogIndex, type QueryRecord } from '@sightline/demo-catalog';
import { createSuggester } from './catalog/suggest.js';
import { type DemoOptions, resolveDemoOptions } from './options.js';
import { renderPage } from './page.js';
import { type DemoContext, handleRequest, pageConfig } from './routes.js';
import { createSearchReporter } from './search-reporter.js';

// The catalog is shared with `sightline replay` (packages/demo-catalog); re-exported as before.
export {
  buildCatalog,
  type CatalogIndex,
  type CatalogOptions,
  createCatalogIndex,
  type QueryRecord,
  type SearchPage,
  type SearchParams,
} from '@sightline/demo-catalog';
export type { DemoPageConfig, Hit, Product, SearchResponse, SuggestResponse } from '../shared/types.js';
export { createSuggester, type Suggester, type Suggestion } from './catalog/suggest.js';
export { DEMO_ERRORS, DemoError } from './errors.js';
export type { DemoOptions, ResolvedDemoOptions } from './options.js';

/** A running demo shop. */
export interface DemoServer {
  /** The shop's origin, e.g. `http://127.0.0.1:4281`. */
  url: string;
  /** Stops accepting requests, waits for open ones and for pending search reports. */
  close(): Promise<void>;
}

/** Reads the query data set (data/queries.json by default). */
export function loadQueries(file: string): QueryRecord[] {
  return JSON.parse(readFileSync(file, 'utf8')) as QueryRecord[];
}

/**
 * Starts the demo shop: its pages, its search API (`/api/search`, `/api/suggest`,
 * `/api/products/:id`) and the Insights client at `/insights.js`. Searches are reported to the
 * collector at `collectorUrl`; the page sends its events there directly.
 */
export async function startDemo(options: DemoOptions): Promise<DemoServer> {
  const resolved = resolveDemoOptions(options);
  const records = loadQueries(resolved.dataFile);
  const catalog = createCatalogIndex(buildCatalog(records));
  const log = resolved.logLevel === 'silent' ? () => {} : (line: string) => console.warn(`[demo] ${line}`);
  const reporter = createSearchReporter({
    collectorUrl: resolved.collectorUrl,
    appId: resolved.appId,
    apiKey: resolved.searchApiKey,
    log,
  });
  const template = readFileSync(`${resolved.webRoot}/index.html`, 'utf8');
  const ctx: DemoContext = {
    options: resolved,
    catalog,
    suggest: createSuggester(records, catalog),
    reporter,
    page: renderPage(template, pageConfig(resolved)),
  };

  const server = createServer((req, res) => {
    handleRequest(ctx, req, res).catch((error: unknown) => {
      log(`request failed: ${req.method} ${req.url}: ${error instanceof Error ? error.stack : error}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"message":"Internal error in the demo server."}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  return {
    url: `http://${host}:${port}`,
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      await reporter.settle();
    },
  };
}
