// Size budgets of the <script> builds, measured on dist/ (the build runs before the tests).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist');
const ORACLE_UMD = join(dist, '../../../node_modules/search-insights/dist/search-insights.min.js');

/** Bytes after gzip -9 and brotli (default quality 11). */
function measure(path: string) {
  const code = readFileSync(path);
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code).length,
  };
}

/**
 * Budgets, in bytes of gzip. The drop-in core build (one request per call, as search-insights)
 * and the default build (reliable delivery) are held at their measured size plus a little
 * headroom, so any regression fails. The core meets the 3.0 kB target; the default
 * build's (≤ 3.8 kB) stays open below; docs/delivery.md "Size" says what the bytes buy.
 */
const BUDGETS = {
  // Measured 2,974 B.
  'search-insights.core.min.js': 2_990,
  // Measured 4,904 / 4,844 B: 4,725 / 4,664 B after the delivery rewrite (5,162 / 5,105 before),
  // then +179 B of fixes a breaker found (opt-out expires the cookie on every parent domain, a
  // keepalive fetch timeout, a bound on refused-batch splitting, transports that throw, storage
  // that refuses the outbox entry when the page comes back from the bfcache). The core without the
  // drop-in's beacon → XHR requester is ~2.92 kB; the transport (keepalive fetch, beacon, status
  // facts, Retry-After) adds ~270 B, the init options and page listeners ~300 B, batching/retries/
  // splitting ~850 B and the outbox ~400 B.
  'search-insights.min.js': 4_915,
  'search-insights.iife.min.js': 4_855,
};

describe('bundle size', () => {
  for (const [file, budget] of Object.entries(BUDGETS)) {
    it(`${file} ≤ ${budget} B gzip`, () => {
      const size = measure(join(dist, file));
      console.info(`${file}: ${size.raw} B raw, ${size.gzip} B gzip, ${size.brotli} B brotli`);
      expect(size.gzip).toBeLessThanOrEqual(budget);
    });
  }

  it('the drop-in core UMD is smaller than search-insights 2.17.3', () => {
    expect(measure(join(dist, 'search-insights.core.min.js')).gzip).toBeLessThan(measure(ORACLE_UMD).gzip);
  });

  it('ships no validation messages or Node code in the browser bundles (only the dev build validates)', () => {
    for (const file of ['search-insights.min.js', 'search-insights.core.min.js', 'browser.js']) {
      const code = readFileSync(join(dist, file), 'utf8');
      expect(code).not.toMatch(/node:http|ISSUE_CODES|printable ASCII/);
    }
    expect(readFileSync(join(dist, 'search-insights.dev.min.js'), 'utf8')).toMatch(/printable ASCII/);
  });

  it('search-insights.core.min.js ≤ 3.0 kB gzip (issue #3 target, 1 kB = 1,000 B)', () => {
    expect(measure(join(dist, 'search-insights.core.min.js')).gzip).toBeLessThanOrEqual(3_000);
  });
  it.todo('search-insights.min.js ≤ 3.8 kB gzip with reliable delivery (issue #6 target; 4.90 kB today)');
});
