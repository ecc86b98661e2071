import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { minify } from 'terser';

const mp =
  /^(remember|recall|forget|available|retryable|retryAfterMs|endpoint|params|maxEntries|maxAgeMs|persist|tokenStore|queryStore|rememberedQueries|delivery|flavor|requestFn|additionalParams|callback)$/;
for (const esmin of [true, false]) {
  const r = await build({
    entryPoints: ['src/entry/umd-core.ts'],
    bundle: true,
    minify: esmin,
    minifySyntax: true,
    format: 'esm',
    write: false,
    define: { __FLAVOR__: '"browser-umd"', __SHORT_ERRORS__: 'true' },
    platform: 'browser',
    target: 'es2020',
    mangleProps: mp,
  });
  for (const [name, c, m] of [
    ['std', { passes: 3, unsafe: true, unsafe_arrows: true, pure_getters: true, inline: 1 }, {}],
    [
      'top',
      { passes: 3, unsafe: true, unsafe_arrows: true, pure_getters: true, inline: 1, toplevel: true },
      { toplevel: true },
    ],
    [
      'top-inl3',
      { passes: 3, unsafe: true, unsafe_arrows: true, pure_getters: true, toplevel: true },
      { toplevel: true },
    ],
    [
      'top-p5',
      {
        passes: 5,
        unsafe: true,
        unsafe_arrows: true,
        pure_getters: true,
        toplevel: true,
        inline: 1,
        hoist_props: true,
        reduce_funcs: true,
        unsafe_comps: true,
        booleans_as_integers: false,
      },
      { toplevel: true },
    ],
  ]) {
    const { code } = await minify(r.outputFiles[0].text, {
      ecma: 2020,
      module: true,
      compress: c,
      mangle: m,
    });
    console.log(esmin, name, code.length, gzipSync(code, { level: 9 }).length);
  }
}
