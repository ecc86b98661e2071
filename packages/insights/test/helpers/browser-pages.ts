import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaptureServer } from './capture-server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** search-insights' UMD build (the oracle) and Sightline's, as served to pages. */
export const ORACLE_UMD = join(root, 'node_modules/search-insights/dist/search-insights.min.js');
/** The default UMD: reliable delivery (batching, retries, outbox). */
export const SIGHTLINE_UMD = join(root, 'packages/insights/dist/search-insights.min.js');
/** The dev UMD: the default one plus validation before sending. */
export const SIGHTLINE_DEV_UMD = join(root, 'packages/insights/dist/search-insights.dev.min.js');
/** The drop-in core UMD: one request per call, as search-insights. */
export const SIGHTLINE_CORE_UMD = join(root, 'packages/insights/dist/search-insights.core.min.js');
export const SIGHTLINE_IIFE = join(root, 'packages/insights/dist/search-insights.iife.min.js');

/** The standard loading snippet: a stub that queues calls until the library arrives. */
export const SNIPPET = `window.AlgoliaAnalyticsObject = 'aa';
window.aa = window.aa || function () { (window.aa.queue = window.aa.queue || []).push(arguments); };`;

export type Library = 'oracle' | 'sightline';

/**
 * Serves `/<name>.html` for both libraries: `before` runs ahead of the snippet (to make the page
 * hostile), `queued` after it (calls made before the library loads). Sightline's page loads the
 * drop-in core build unless `script` says otherwise.
 */
export function servePages(
  server: CaptureServer,
  name: string,
  {
    before = '',
    queued = '',
    script,
  }: { before?: string; queued?: string; script?: Record<Library, string> } = {},
): void {
  const files = script ?? { oracle: ORACLE_UMD, sightline: SIGHTLINE_CORE_UMD };
  for (const library of ['oracle', 'sightline'] as const) {
    server.pages.set(`/lib/${library}-${name}.js`, ['text/javascript', readFileSync(files[library], 'utf8')]);
    server.pages.set(`/${library}-${name}.html`, [
      'text/html',
      `<!doctype html><html><head><script>${before}</script><script>${SNIPPET}\n${queued}</script>` +
        `<script src="/lib/${library}-${name}.js"></script></head><body></body></html>`,
    ]);
  }
}
