#!/usr/bin/env node
// The test command: lint, typecheck, then every Vitest suite (unit, HTTP, SQLite, PostgreSQL,
// Chromium, size budgets). Ends with one line "N passed, N failed" over all of them; the line is
// also written to test-results/summary.txt so .ci/run can repeat it as its last line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const env = { ...process.env };
if (!env.SIGHTLINE_TEST_DATABASE_URL && spawnSync('pg_isready', ['-q', '-h', '127.0.0.1']).status === 0) {
  env.SIGHTLINE_TEST_DATABASE_URL = 'postgres://sightline:sightline@127.0.0.1:5432/sightline_test';
}

let passed = 0;
let failed = 0;
const bin = (name) => join(root, 'node_modules/.bin', name);

function check(name, command, args) {
  process.stdout.write(`\n== ${name}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status === 0) passed++;
  else {
    failed++;
    process.stdout.write(`== ${name}: FAILED\n`);
  }
}

check('lint and format (biome)', bin('biome'), ['check', '.']);
check('typecheck (tsc)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);

process.stdout.write('\n== tests (vitest)\n');
const report = join(results, 'vitest.json');
const vitest = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env,
  },
);
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A suite that crashed before its tests ran counts as one failure.
  failed += json.testResults.filter(
    (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
  ).length;
} catch {
  failed++;
}
if (vitest.status !== 0 && failed === 0) failed++;

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(results, 'summary.txt'), `${summary}\n`);
process.stdout.write(`\n${summary}\n`);
process.exit(failed === 0 ? 0 : 1);
