#!/usr/bin/env node
// Runs the benchmarks side by side with their references and writes bench/RESULTS.md plus the raw
// figures (bench/results/latest.json; a timestamped copy in the gitignored bench/results/raw/).
// `npm run bench` builds first (scripts/setup.mjs --for bench); this script assumes built packages.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `Usage: node bench/run.mjs [options]   (or: npm run bench -- [options])

Options:
  --quick                 shorter runs (about 3 minutes); results are marked as quick
  --only <names>          comma-separated suites to run; the others keep their previous results
  --runs <n>              interleaved runs per side (default 5, minimum 5 unless --quick)
  --analytics-sizes <n,…> store sizes for the analytics suite (default 1000000; 10000000 takes ~10 min more)
  --calibrate             A/A run: every Sightline side replaced by its reference (ratios ≈ 1);
                          writes bench/results/calibration.json, leaves RESULTS.md alone
  --help                  this screen

Suites: bundle, cpu-node, cpu-browser, requests, ingest, memory, analytics

Examples:
  npm run bench
  npm run bench -- --quick --only bundle,cpu-node
  node bench/run.mjs --only ingest --runs 7`;

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      runs: { type: 'string' },
      'analytics-sizes': { type: 'string' },
      calibrate: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
// Set before the suites load: locate.mjs and every child process read it.
if (options.calibrate) process.env.SIGHTLINE_BENCH_CALIBRATE = '1';

const { BENCH, RAW, ROOT, locateReference, locateSightline } = await import('./lib/locate.mjs');
const { renderResults } = await import('./lib/report.mjs');
const SUITES = {
  bundle: () => import('./suites/bundle-size.mjs'),
  'cpu-node': () => import('./suites/client-cpu-node.mjs'),
  'cpu-browser': () => import('./suites/client-cpu-browser.mjs'),
  requests: () => import('./suites/requests-per-page.mjs'),
  ingest: () => import('./suites/collector-ingest.mjs'),
  memory: () => import('./suites/memory.mjs'),
  analytics: () => import('./suites/analytics.mjs'),
};
const order = Object.keys(SUITES);

const selected = options.only ? options.only.split(',').map((name) => name.trim()) : order;
const unknown = selected.filter((name) => !SUITES[name]);
if (unknown.length) {
  process.stderr.write(`Unknown suite(s): ${unknown.join(', ')}. Known: ${order.join(', ')}.\n`);
  process.exit(2);
}
const runs = Number(options.runs ?? (options.quick ? 3 : 5));
if (!Number.isInteger(runs) || runs < 1 || (!options.quick && runs < 5)) {
  process.stderr.write(`--runs must be an integer ≥ 5 (≥ 1 with --quick); got ${options.runs}.\n`);
  process.exit(2);
}
const analyticsSizes = (options['analytics-sizes'] ?? (options.quick ? '100000' : '1000000'))
  .split(',')
  .map((size) => Number(size));
if (analyticsSizes.some((size) => !Number.isInteger(size) || size < 1000)) {
  process.stderr.write('--analytics-sizes takes integers ≥ 1000, comma-separated.\n');
  process.exit(2);
}

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit} + uncommitted changes` : commit;
  } catch {
    return 'unknown';
  }
}

const machine = {
  cpus: os.availableParallelism(),
  nproc: execFileSync('nproc', { encoding: 'utf8' }).trim(),
  cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  os: `${os.type()} ${os.release()}`,
  node: process.version,
  reference: locateReference().version,
  sightline: locateSightline().version,
  commit: gitCommit(),
  // Other work on the machine skews every figure: the 1-minute load average says how busy it was.
  loadAverageAtStart: Number(os.loadavg()[0].toFixed(2)),
};

const log = (message) => process.stdout.write(`[bench] ${message}\n`);
const date = new Date().toISOString();
const results = { date, quick: options.quick, calibrate: options.calibrate, runs, machine, suites: {} };
log(
  `${options.calibrate ? 'CALIBRATION (A/A) — ' : ''}suites: ${selected.join(', ')}; ${runs} runs per side${options.quick ? '; quick' : ''}`,
);

/**
 * Writes the results so far: after every suite (an interrupted run keeps what it measured) and at
 * the end. --only keeps the other suites' previous results, each with its own date.
 */
function save(final) {
  if (options.calibrate) {
    writeFileSync(join(BENCH, 'results/calibration.json'), `${JSON.stringify(results, null, 2)}\n`);
    if (final) log('calibration written to bench/results/calibration.json');
    return;
  }
  const latestFile = join(BENCH, 'results/latest.json');
  const previous = existsSync(latestFile) ? JSON.parse(readFileSync(latestFile, 'utf8')) : { suites: {} };
  const kept = options.only ? previous.suites : final ? {} : previous.suites;
  const merged = { ...results, suites: { ...kept, ...results.suites } };
  writeFileSync(latestFile, `${JSON.stringify(merged, null, 2)}\n`);
  writeFileSync(join(BENCH, 'RESULTS.md'), renderResults(merged, { suiteOrder: order }));
  if (final) log('wrote bench/RESULTS.md and bench/results/latest.json');
}

const started = Date.now();
for (const name of selected) {
  const suite = (await SUITES[name]()).default;
  const notes = [];
  const ctx = { quick: options.quick, runs, machine, analyticsSizes, log, note: (text) => notes.push(text) };
  const suiteStart = Date.now();
  log(`▶ ${name}: ${suite.title}`);
  try {
    const out = await suite.run(ctx);
    results.suites[name] = {
      title: suite.title,
      date,
      durationMs: Date.now() - suiteStart,
      ...out,
      notes: [...notes, ...(out.notes ?? [])],
    };
  } catch (error) {
    log(`✖ ${name} failed: ${error.stack ?? error}`);
    results.suites[name] = {
      title: suite.title,
      date,
      durationMs: Date.now() - suiteStart,
      error: String(error.message ?? error),
      notes,
    };
  }
  for (const f of results.suites[name].figures ?? []) {
    if (f.target)
      log(`  ${f.label}: ${f.status}${Number.isFinite(f.ratio) ? ` (ratio ${f.ratio.toFixed(2)})` : ''}`);
  }
  log(`✔ ${name} in ${Math.round((Date.now() - suiteStart) / 1000)} s`);
  results.durationMs = Date.now() - started;
  save(false);
}
log(`all suites in ${Math.round((Date.now() - started) / 1000)} s`);
machine.loadAverageAtEnd = Number(os.loadavg()[0].toFixed(2));
results.durationMs = Date.now() - started;

mkdirSync(RAW, { recursive: true });
writeFileSync(join(RAW, `${date.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(results, null, 2)}\n`);
save(true);
