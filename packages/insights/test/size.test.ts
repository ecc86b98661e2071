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
 * Regression budgets, in bytes of gzip. The target for the UMD is 3.0 kB; the build is at
 * about 3.72 kB today (search-insights 2.17.3: 3.8 kB), so the enforced budget is the measured
 * size plus a little headroom, and the 3.0 kB target stays open below.
 */
const BUDGETS = {
  'search-insights.min.js': 3_800,
  'search-insights.iife.min.js': 3_750,
};

describe('bundle size', () => {
  for (const [file, budget] of Object.entries(BUDGETS)) {
    it(`${file} ≤ ${budget} B gzip`, () => {
      const size = measure(join(dist, file));
      console.info(`${file}: ${size.raw} B raw, ${size.gzip} B gzip, ${size.brotli} B brotli`);
      expect(size.gzip).toBeLessThanOrEqual(budget);
    });
  }

  it('the UMD is smaller than search-insights 2.17.3', () => {
    expect(measure(join(dist, 'search-insights.min.js')).gzip).toBeLessThan(measure(ORACLE_UMD).gzip);
  });

  it('ships no validation messages or Node code in the browser bundles', () => {
    for (const file of ['search-insights.min.js', 'browser.js']) {
      const code = readFileSync(join(dist, file), 'utf8');
      expect(code).not.toMatch(/node:http|ISSUE_CODES|printable ASCII/);
    }
  });

  it.todo('search-insights.min.js ≤ 3.0 kB gzip (issue #3 target; see docs/client.md "Size")');
});
