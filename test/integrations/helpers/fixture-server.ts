import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { bundlePage } from './bundle-page.js';
import { type ReceivedSearch, requestParams, searchProducts } from './catalog.js';

const ROOT = join(import.meta.dirname, '../../..');

/**
 * The two UMD builds, served under CDN-like paths: the standard loading snippet reads `aa.version`
 * from the first `@<version>` of the script URL, so the path is part of the scenario.
 */
export const CLIENT_SCRIPTS = {
  sightline: {
    path: '/npm/@sightline/insights@0.1.0/dist/search-insights.min.js',
    file: join(ROOT, 'packages/insights/dist/search-insights.min.js'),
  },
  'search-insights': {
    path: '/npm/search-insights@2.17.3/dist/search-insights.min.js',
    file: join(ROOT, 'node_modules/search-insights/dist/search-insights.min.js'),
  },
} as const;

export type ClientScript = keyof typeof CLIENT_SCRIPTS;

/** What a page needs to know: where the collector is and which credentials to use. */
export interface PageConfig {
  collectorUrl: string;
  appId: string;
  apiKey: string;
  /** Whether `aa('init')` asks for the `_ALGOLIA` cookie. */
  useCookie: boolean;
}

/** A page: its bundled script, and optionally the loading snippet for one of the UMD builds. */
export interface PageSpec {
  bundle: string;
  snippet?: ClientScript;
  config: PageConfig;
}

export interface FixtureServer {
  url: string;
  /** Every search the fake engine answered, oldest first. */
  searches: ReceivedSearch[];
  /** Serves a page at `/<name>.html`; returns its URL. */
  addPage(name: string, spec: PageSpec): string;
  close(): Promise<void>;
}

/**
 * A same-origin web server for the test pages: the HTML, the bundles, both UMD builds, and a fake
 * Search API (`POST /1/indexes/{index|*}/queries`) that real search clients can point at.
 */
export async function startFixtureServer(): Promise<FixtureServer> {
  const pages = new Map<string, PageSpec>();
  const searches: ReceivedSearch[] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fixture');
    const search = /^\/1\/indexes\/([^/]+)\/queries$/.exec(url.pathname);
    if (req.method === 'POST' && search) {
      const body = JSON.parse(await readBody(req)) as { requests?: Record<string, unknown>[] };
      const results = (body.requests ?? []).map((request) => {
        const indexName = String(request.indexName ?? decodeURIComponent(search[1]!));
        const answer = searchProducts(requestParams(request), indexName);
        searches.push(answer.received);
        return answer.result;
      });
      send(res, 'application/json', JSON.stringify({ results }));
      return;
    }
    for (const script of Object.values(CLIENT_SCRIPTS)) {
      if (url.pathname === script.path) return send(res, 'text/javascript', readFileSync(script.file));
    }
    const page = /^\/([\w-]+)\.(html|js)$/.exec(url.pathname);
    const spec = page ? pages.get(page[1]!) : undefined;
    if (page && spec) {
      if (page[2] === 'js') return send(res, 'text/javascript', await bundlePage(spec.bundle));
      return send(res, 'text/html; charset=utf-8', pageHtml(page[1]!, spec));
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    searches,
    addPage(name, spec) {
      pages.set(name, spec);
      return `${url}/${name}.html`;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function pageHtml(name: string, spec: PageSpec): string {
  // The standard snippet, as Algolia documents it (readable form): a queueing stub whose version
  // comes from the script URL, then the script, loaded async.
  const snippet = spec.snippet
    ? `<script>
      (function (w, d, src, name) {
        w.AlgoliaAnalyticsObject = name;
        w[name] = w[name] || function () { (w[name].queue = w[name].queue || []).push(arguments); };
        w[name].version = (src.match(/@([^/]+)\\/?/) || [])[1];
        var script = d.createElement('script');
        script.async = 1;
        script.src = src;
        d.head.appendChild(script);
      })(window, document, ${JSON.stringify(CLIENT_SCRIPTS[spec.snippet].path)}, 'aa');
    </script>`
    : '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${name}</title>
    <link rel="icon" href="data:," />
    <style>
      body { font-family: system-ui, sans-serif; margin: 24px; }
      .ais-Hits-list { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }
      .ais-Hits-item { border: 1px solid #ccc; border-radius: 8px; padding: 12px; }
      .ais-SearchBox-input, .aa-Input { font-size: 16px; padding: 8px; width: 320px; }
      .aa-Form { display: flex; gap: 4px; align-items: center; }
      .aa-Panel ul { list-style: none; padding: 0; width: 336px; border: 1px solid #ccc; border-radius: 8px; }
      .aa-Item { padding: 8px 12px; cursor: pointer; }
      .aa-Item[aria-selected='true'] { background: #eef2ff; }
    </style>
    <script>window.FIXTURE = ${JSON.stringify(spec.config)};</script>
    ${snippet}
  </head>
  <body>
    <div id="app"></div>
    <script src="/${name}.js"></script>
  </body>
</html>`;
}

function send(res: ServerResponse, type: string, body: string | Buffer): void {
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      data += chunk;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
