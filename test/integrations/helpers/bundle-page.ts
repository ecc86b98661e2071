import { join } from 'node:path';
import { build } from 'esbuild';

const PAGES = join(import.meta.dirname, '../pages');
const cache = new Map<string, Promise<string>>();

/**
 * Bundles one script of `test/integrations/pages/` for the browser, in memory, the way an app
 * would ship it: npm packages resolved by name with the `browser` export condition (so
 * `@sightline/insights` is its built `dist/browser.js`), production mode.
 */
export function bundlePage(name: string): Promise<string> {
  let bundled = cache.get(name);
  if (!bundled) {
    bundled = build({
      entryPoints: [join(PAGES, `${name}.ts`)],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      define: { 'process.env.NODE_ENV': '"production"' },
      // Not the root tsconfig: its `paths` map `@sightline/insights` to the Node source entry, for tsc.
      tsconfigRaw: { compilerOptions: {} },
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0]!.text);
    // A failed build must not stay cached for the next test.
    bundled.catch(() => cache.delete(name));
    cache.set(name, bundled);
  }
  return bundled;
}
