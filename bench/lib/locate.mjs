// Finds the builds to compare: the reference (search-insights from node_modules) and Sightline's
// packages. Sightline's file names are read from its package.json (exports, unpkg/jsdelivr), never
// assumed, so a renamed build is still found; anything missing is reported, not guessed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH = join(ROOT, 'bench');
/** Scratch space for one run (transpiled helpers, temp pages); gitignored. */
export const RAW = join(BENCH, 'results/raw');

/**
 * Calibration (A/A) mode, `node bench/run.mjs --calibrate`: every Sightline side is replaced by its
 * reference, so each ratio should come out ≈ 1 and its spread shows the harness's noise floor.
 */
export const CALIBRATE = process.env.SIGHTLINE_BENCH_CALIBRATE === '1';

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Path relative to the repository root, for reports. */
export const rel = (file) => relative(ROOT, file);

/** Walks an `exports` value and returns the first target matching the condition path. */
function pickExport(value, conditions) {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return undefined;
  for (const condition of conditions) {
    if (condition in value) {
      const found = pickExport(value[condition], conditions);
      if (found) return found;
    }
  }
  if ('default' in value) return pickExport(value.default, conditions);
  return undefined;
}

function existing(dir, target) {
  if (!target) return undefined;
  const file = join(dir, target);
  return existsSync(file) ? file : undefined;
}

/** The reference client, search-insights, as installed at the root. */
export function locateReference() {
  const dir = join(ROOT, 'node_modules/search-insights');
  const pkg = readJson(join(dir, 'package.json'));
  return {
    name: 'search-insights',
    version: pkg.version,
    dir,
    umd: existing(dir, pkg.jsdelivr ?? 'dist/search-insights.min.js'),
    iife: existing(dir, 'dist/search-insights.iife.min.js'),
    // index-browser.mjs only re-exports this file.
    browserEsm: existing(dir, 'dist/search-insights-browser.mjs'),
    browserCjs: existing(dir, 'dist/search-insights-browser.min.cjs'),
    nodeEsm: existing(dir, pickExport(pkg.exports, ['node', 'import'])),
  };
}

/** Every JavaScript file under a dist folder, recursively (no maps, no declarations). */
export function listJs(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJs(file));
    else if (/\.(m|c)?js$/.test(entry.name)) out.push(file);
  }
  return out.sort();
}

/** Sightline's client builds, from packages/insights/package.json and its dist/ folder. */
export function locateSightline() {
  if (CALIBRATE) {
    const reference = locateReference();
    return { ...reference, coreUmd: reference.umd, dist: [], src: undefined, specifier: 'search-insights' };
  }
  const dir = join(ROOT, 'packages/insights');
  const pkg = readJson(join(dir, 'package.json'));
  const dist = listJs(join(dir, 'dist'));
  const byName = (pattern) => dist.find((file) => pattern.test(rel(file)));
  const umd =
    existing(dir, pkg.unpkg) ??
    existing(dir, pkg.jsdelivr) ??
    byName(/umd[^/]*\.js$/) ??
    byName(/\.min\.js$/);
  return {
    name: '@sightline/insights',
    version: pkg.version,
    dir,
    dist,
    umd,
    iife: byName(/iife[^/]*\.js$/),
    // The drop-in core as a <script> build (one request per call, no delivery extras), if shipped.
    coreUmd: byName(/core[^/]*\.min\.js$/),
    browserEsm:
      existing(dir, pickExport(pkg.exports?.['.'] ?? pkg.exports, ['browser', 'import'])) ??
      existing(dir, typeof pkg.browser === 'string' ? pkg.browser : undefined),
    browserCjs: existing(dir, pickExport(pkg.exports?.['.'] ?? pkg.exports, ['browser', 'require'])),
    nodeEsm: existing(dir, pickExport(pkg.exports?.['.'] ?? pkg.exports, ['node', 'import'])),
    src: join(dir, 'src'),
    specifier: '@sightline/insights',
  };
}

/** The collector's programmatic entry: its built dist if present, else its TypeScript source. */
export function locateCollector() {
  const dir = join(ROOT, 'packages/collector');
  const pkg = readJson(join(dir, 'package.json'));
  const built =
    existing(dir, pickExport(pkg.exports?.['.'] ?? pkg.exports, ['node', 'import'])) ??
    existing(dir, pkg.main);
  const source = existing(dir, 'src/index.ts');
  return { dir, built, source, entry: built ?? source };
}
