// Builds @sightline/collector: the library (dist/index.js) and the CLI (dist/cli.js) with esbuild,
// declarations with tsc. @sightline/events is bundled in; native and driver packages stay external.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: {
    index: join(here, 'src/index.ts'),
    cli: join(here, 'src/cli/main.ts'),
    'query-id': join(here, 'src/searches/query-id.ts'),
  },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // @sightline/insights is loaded at run time by `sightline replay` only.
  external: ['better-sqlite3', 'pg', '@sightline/insights'],
  alias: { '@sightline/events': join(here, '../events/src/index.ts') },
  logLevel: 'warning',
});
writeFileSync(
  join(here, 'tsconfig.build.json'),
  `${JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: 'dist', rootDir: 'src', paths: {} }, include: ['src/index.ts', 'src/searches/query-id.ts'] }, null, 2)}\n`,
);
execFileSync(
  process.execPath,
  [join(here, '../../node_modules/typescript/bin/tsc'), '-p', join(here, 'tsconfig.build.json')],
  { stdio: 'inherit' },
);
