// Builds @sightline/events: ESM + CJS with esbuild, declarations with tsc.
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
const common = {
  entryPoints: [join(here, 'src/index.ts')],
  bundle: true,
  platform: 'neutral',
  target: 'es2020',
  logLevel: 'warning',
};
await build({ ...common, format: 'esm', outfile: join(dist, 'index.js') });
await build({ ...common, format: 'cjs', outfile: join(dist, 'index.cjs') });
execFileSync(
  process.execPath,
  [join(here, '../../node_modules/typescript/bin/tsc'), '-p', join(here, 'tsconfig.build.json')],
  { stdio: 'inherit' },
);
copyFileSync(join(dist, 'index.d.ts'), join(dist, 'index.d.cts'));
