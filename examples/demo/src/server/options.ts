import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DemoError } from './errors.js';

/** Options of {@link startDemo}. */
export interface DemoOptions {
  /**
   * TCP port; 0 picks a free one.
   * @default 4281
   */
  port?: number;
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  host?: string;
  /** The collector's origin, e.g. `http://127.0.0.1:4280`: where the page sends events and the server reports searches. */
  collectorUrl: string;
  /** The collector application the events belong to. */
  appId: string;
  /** A key with the `search` ACL: given to the page for `aa('init')` and used to report searches. */
  searchApiKey: string;
  /**
   * Index name carried by searches and events.
   * @default 'demo_products'
   */
  index?: string;
  /**
   * ISO 4217 currency of the catalog's prices.
   * @default 'USD'
   */
  currency?: string;
  /**
   * The Insights client UMD bundle served at `/insights.js`. Any search-insights compatible UMD
   * works, e.g. `node_modules/search-insights/dist/search-insights.min.js`.
   * @default packages/insights/dist/search-insights.min.js (Sightline's UMD)
   */
  clientScript?: string;
  /**
   * The built web pages.
   * @default examples/demo/dist/web
   */
  webRoot?: string;
  /**
   * The query data the catalog is derived from.
   * @default examples/demo/data/queries.json
   */
  dataFile?: string;
  /**
   * `warn` logs failed search reports to stderr; `silent` logs nothing.
   * @default 'warn'
   */
  logLevel?: 'warn' | 'silent';
}

/** {@link DemoOptions} with every default applied. */
export type ResolvedDemoOptions = Required<DemoOptions>;

/** examples/demo/, from src/server/ (tests) and from dist/server/ (the built bundle) alike. */
const demoRoot = new URL('../../', import.meta.url);

const defaults = {
  port: 4281,
  host: '127.0.0.1',
  index: 'demo_products',
  currency: 'USD',
  // Same file name as search-insights' UMD, so the snippet's URL can swap one for the other.
  clientScript: fileURLToPath(new URL('../../packages/insights/dist/search-insights.min.js', demoRoot)),
  webRoot: fileURLToPath(new URL('dist/web', demoRoot)),
  dataFile: fileURLToPath(new URL('data/queries.json', demoRoot)),
  logLevel: 'warn',
} as const;

/** Applies the defaults once and checks the required options; throws a coded {@link DemoError}. */
export function resolveDemoOptions(options: DemoOptions): ResolvedDemoOptions {
  for (const key of ['collectorUrl', 'appId', 'searchApiKey'] as const) {
    if (typeof options[key] !== 'string' || options[key] === '') {
      throw new DemoError(
        'DEMO_OPTION_MISSING',
        `startDemo() needs "${key}" (got ${JSON.stringify(options[key])}).`,
      );
    }
  }
  const clientScript = options.clientScript ?? defaults.clientScript;
  if (!existsSync(clientScript)) {
    throw new DemoError(
      'DEMO_CLIENT_NOT_BUILT',
      `The Insights client bundle ${clientScript} does not exist.`,
    );
  }
  const webRoot = options.webRoot ?? defaults.webRoot;
  if (!existsSync(`${webRoot}/index.html`)) {
    throw new DemoError(
      'DEMO_WEB_NOT_BUILT',
      `The demo pages are not built (${webRoot}/index.html is missing).`,
    );
  }
  return {
    port: options.port ?? defaults.port,
    host: options.host ?? defaults.host,
    collectorUrl: options.collectorUrl.replace(/\/+$/, ''),
    appId: options.appId,
    searchApiKey: options.searchApiKey,
    index: options.index ?? defaults.index,
    currency: options.currency ?? defaults.currency,
    clientScript,
    webRoot,
    dataFile: options.dataFile ?? defaults.dataFile,
    logLevel: options.logLevel ?? defaults.logLevel,
  };
}
