// Builds the demo: the shop pages (src/web → dist/web) and the server (src/server → dist/server,
// which scripts/start.mjs imports). Nothing here is published.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'web/assets'), { recursive: true });

await build({
  entryPoints: [join(here, 'src/web/main.ts')],
  outfile: join(dist, 'web/assets/app.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});
copyFileSync(join(here, 'src/web/index.html'), join(dist, 'web/index.html'));
copyFileSync(join(here, 'src/web/styles.css'), join(dist, 'web/assets/styles.css'));

await build({
  entryPoints: [join(here, 'src/server/index.ts')],
  outfile: join(dist, 'server/index.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
