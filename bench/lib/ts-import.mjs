// Node 20 cannot import TypeScript. The few TypeScript modules the benchmarks reuse (the shared
// Chromium launcher, the collector's source when it has no build yet) are bundled with esbuild into
// the gitignored scratch folder, next to nothing else, and imported from there. Packages stay
// external, so they resolve from the repository's node_modules as usual.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { RAW } from './locate.mjs';

/** Bundles `file` (TypeScript or JavaScript) for Node and returns the path of the ESM output. */
export async function transpileForNode(file, name = basename(file).replace(/\.[cm]?[jt]s$/, '')) {
  const outdir = join(RAW, '.build');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `${name}.mjs`);
  await build({
    entryPoints: [file],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  return outfile;
}

/** Imports a TypeScript module by transpiling it first. */
export async function importTs(file, name) {
  return import(pathToFileURL(await transpileForNode(file, name)).href);
}
