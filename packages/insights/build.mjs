// Builds @sightline/insights into dist/: browser ESM + CJS, Node ESM + CJS, a minified UMD and
// IIFE for <script> tags, and declarations (tsc) for both module systems.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { minify } from 'terser';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const flavor = (name) => ({ __FLAVOR__: JSON.stringify(name) });
const common = { bundle: true, logLevel: 'warning', legalComments: 'none' };
const browser = {
  ...common,
  entryPoints: [join(here, 'src/entry/browser.ts')],
  platform: 'browser',
  target: 'es2020',
};
const node = {
  ...common,
  entryPoints: [join(here, 'src/entry/node.ts')],
  platform: 'node',
  target: 'node20',
};
// `require('@sightline/insights')` must return `aa` itself, with the named exports as properties
// (and `.default` pointing back), as search-insights' CJS builds do.
const cjsDefault = { js: 'module.exports=Object.assign(module.exports.default,module.exports);' };

await build({ ...browser, format: 'esm', define: flavor('browser-esm'), outfile: join(dist, 'browser.js') });
await build({
  ...browser,
  format: 'cjs',
  define: flavor('browser-cjs'),
  footer: cjsDefault,
  outfile: join(dist, 'browser.cjs'),
});
await build({ ...node, format: 'esm', define: flavor('node-esm'), outfile: join(dist, 'node.js') });
await build({
  ...node,
  format: 'cjs',
  define: flavor('node-cjs'),
  footer: cjsDefault,
  outfile: join(dist, 'node.cjs'),
});

// Internal property names, never visible from a script tag, shortened in the minified builds only
// (the ESM/CJS builds expose these seams, so they keep their names).
const INTERNAL_PROPS =
  /^(remember|recall|forget|available|retryable|retryAfterMs|endpoint|params|maxEntries|maxAgeMs|persist|tokenStore|queryStore|rememberedQueries|delivery|flavor|requestFn|additionalParams|callback|flush|resend|outbox|transport|validate|stampEvents|maxAttempts|maxRetryMs|baseDelayMs|maxDelayMs|flushIntervalMs|maxEvents|maxChars|store|queries|url|load|save|adopt|release|leave|resume|keepInFlight|staleAfterMs|held|defaults|onInit)$/;

/**
 * The UMD/IIFE body: a minified ESM build whose final `export {…}` becomes `return {…}`. esbuild
 * bundles and shortens internal names; terser's extra passes then shave what esbuild's single
 * pass leaves (about 200 B gzip). `__SHORT_ERRORS__` keeps only the codes of coded errors.
 */
const scriptBody = async (entry, name, dev = false) => {
  const result = await build({
    ...common,
    entryPoints: [join(here, `src/entry/${entry}.ts`)],
    platform: 'browser',
    target: 'es2020',
    format: 'esm',
    minify: true,
    mangleProps: INTERNAL_PROPS,
    write: false,
    // The dev build keeps the long messages and turns validation on.
    define: { ...flavor(name), __SHORT_ERRORS__: String(!dev), __DEV__: String(dev) },
  });
  const { code: minified } = await minify(result.outputFiles[0].text, {
    ecma: 2020,
    module: true,
    // `unsafe` rewrites (e.g. `new Array` → `[]`, String(x) → ""+x) hold for our code: it never
    // relies on overridden built-ins.
    // hoist_funs (function declarations first, as JS hoists them anyway) groups alike code for
    // gzip: 13 B of the core build. keep_fargs: false drops unused parameters (nothing here reads
    // a function's length).
    compress: {
      passes: 3,
      unsafe: true,
      unsafe_arrows: true,
      pure_getters: true,
      inline: 1,
      hoist_funs: true,
      keep_fargs: false,
    },
    format: { comments: false },
  });
  const code = minified.trim();
  const exported = /export\s*\{([^}]*)\};?$/.exec(code);
  if (!exported) throw new Error('umd build: no export statement to rewrite');
  const fields = exported[1].split(',').map((pair) => {
    const [local, as = local] = pair.trim().split(/\s+as\s+/);
    return `${as}:${local}`;
  });
  return `${code.slice(0, exported.index)}return{${fields.join(',')}}`;
};
// Arrow functions: a few bytes shorter than function expressions, and AMD's define() takes a
// zero-parameter factory alike.
const umd = (body) =>
  `((g,f)=>typeof module=="object"&&module.exports?module.exports=f():typeof define=="function"&&define.amd?define(f):g.AlgoliaAnalytics=f())(this||self,()=>{"use strict";${body}});\n`;
// UMD: CommonJS, AMD, else the `AlgoliaAnalytics` global. The default one delivers reliably
// (batching, retries, outbox); the core one is the drop-in, one request per call.
writeFileSync(join(dist, 'search-insights.min.js'), umd(await scriptBody('umd', 'browser-umd')));
writeFileSync(join(dist, 'search-insights.core.min.js'), umd(await scriptBody('umd-core', 'browser-umd')));
// Dev UMD: the default one plus validation before sending (@sightline/events) and long messages.
writeFileSync(
  join(dist, 'search-insights.dev.min.js'),
  umd(await scriptBody('umd-dev', 'browser-umd', true)),
);
// IIFE: a plain global assignment, never define(), for pages running RequireJS.
writeFileSync(
  join(dist, 'search-insights.iife.min.js'),
  `var AlgoliaAnalytics=(()=>{"use strict";${await scriptBody('umd', 'browser-iife')}})();\n`,
);

// Declarations: ESM .d.ts, then a .d.cts copy whose relative imports point at .cjs siblings.
execFileSync(
  process.execPath,
  [join(here, '../../node_modules/typescript/bin/tsc'), '-p', join(here, 'tsconfig.build.json')],
  { stdio: 'inherit' },
);
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
for (const file of walk(join(dist, 'types'))) {
  if (!file.endsWith('.d.ts')) continue;
  const text = readFileSync(file, 'utf8').replace(/(from\s+'\.{1,2}\/[^']*)\.js'/g, "$1.cjs'");
  writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), text);
}
