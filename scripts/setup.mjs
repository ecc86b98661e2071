#!/usr/bin/env node
// Prepares a fresh machine for the README's commands: npm dependencies, then (for tests and
// benchmarks) Debian's Chromium and the local PostgreSQL cluster, then the build.
// Usage: node scripts/setup.mjs [--for start|test|bench] [--no-build]
// Only Node built-ins here: this runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const purpose = args.includes('--for') ? args[args.indexOf('--for') + 1] : 'all';
const wantBrowser = purpose === 'test' || purpose === 'bench' || purpose === 'all';
const wantPostgres = purpose === 'test' || purpose === 'all';

function step(message) {
  process.stdout.write(`[setup] ${message}\n`);
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function installDependencies() {
  const marker = join(root, 'node_modules/.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  step('installing npm dependencies (npm ci; better-sqlite3 compiles from source, about 2 minutes)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function installChromium() {
  if (existsSync(process.env.SIGHTLINE_CHROMIUM ?? '/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    throw new Error(
      'Chromium is missing. Fix: install Debian\'s "chromium" package (sudo apt-get install -y chromium) or set SIGHTLINE_CHROMIUM.',
    );
  }
  step("installing Debian's chromium for the browser tests");
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function startPostgres() {
  if (process.env.SIGHTLINE_TEST_DATABASE_URL) return;
  if (!has('pg_ctlcluster')) {
    step('PostgreSQL is not installed: the PostgreSQL store tests will be skipped');
    return;
  }
  const clusters = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' }).trim().split('\n');
  const main = clusters.map((line) => line.split(/\s+/)).find((cols) => cols[1] === 'main');
  if (!main) {
    step('no PostgreSQL "main" cluster: the PostgreSQL store tests will be skipped');
    return;
  }
  const [version, , , status] = main;
  if (status !== 'online') {
    step(`starting PostgreSQL ${version} (pg_ctlcluster ${version} main start)`);
    run('pg_ctlcluster', [version, 'main', 'start']);
  }
  const asPostgres = (sql) =>
    spawnSync('su', ['postgres', '-c', `psql -v ON_ERROR_STOP=1 -qAtc "${sql}"`], { encoding: 'utf8' });
  if (asPostgres("SELECT 1 FROM pg_roles WHERE rolname='sightline'").stdout.trim() !== '1') {
    asPostgres("CREATE ROLE sightline LOGIN PASSWORD 'sightline' SUPERUSER");
  }
  if (asPostgres("SELECT 1 FROM pg_database WHERE datname='sightline_test'").stdout.trim() !== '1') {
    asPostgres('CREATE DATABASE sightline_test OWNER sightline');
  }
}

try {
  installDependencies();
  if (wantBrowser) installChromium();
  if (wantPostgres) startPostgres();
  if (!args.includes('--no-build')) run(process.execPath, [join(root, 'scripts/build.mjs')]);
} catch (error) {
  process.stderr.write(`[setup] ${error.message}\n`);
  process.exit(1);
}
