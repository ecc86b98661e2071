// Headless Chromium for the browser suites, through the project's shared launcher
// (test/helpers/chromium.ts) so the benchmarks and the tests use the same binary and flags.
import { join } from 'node:path';
import { ROOT } from './locate.mjs';
import { importTs } from './ts-import.mjs';

/** @returns {Promise<import('playwright-core').Browser>} */
export async function launchBrowser() {
  const { launchChromium } = await importTs(join(ROOT, 'test/helpers/chromium.ts'), 'chromium-helper');
  return launchChromium();
}
