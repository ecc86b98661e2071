#!/usr/bin/env node
// `npm start`: the collector (with its dashboard) and the demo shop, on this machine.
// Expects a build (npm's prestart runs scripts/setup.mjs, which builds). Environment:
//   SIGHTLINE_PORT (collector, default 4280), DEMO_PORT (shop, default 4281),
//   SIGHTLINE_HOST (interface, default 127.0.0.1), DATABASE_URL (PostgreSQL instead of SQLite),
//   SIGHTLINE_DATA_FILE (default .data/sightline.db), SIGHTLINE_CREDENTIALS_FILE (default
//   .data/credentials.json; the collector's keys and its "url", which `sightline replay` then
//   uses), SIGHTLINE_LOG_LEVEL (collector logs, default warn here).
// Ctrl-C (SIGINT) or SIGTERM stops both gracefully.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const dataFile = resolve(env.SIGHTLINE_DATA_FILE || join(root, '.data/sightline.db'));
const credentialsFile = resolve(env.SIGHTLINE_CREDENTIALS_FILE || join(root, '.data/credentials.json'));

function fail(message) {
  process.stderr.write(`[start] ${message}\n`);
  process.exit(1);
}

/** Imports a built package entry, or stops with the fix. */
async function importBuilt(path) {
  if (!existsSync(path))
    fail(
      `${relative(root, path)} is missing. Fix: run "npm run build" (or "npm start", which builds first).`,
    );
  return import(pathToFileURL(path).href);
}

/**
 * A start failure in words a new user can act on: a busy port names the variable to change (the
 * collector's message would talk about --port, which npm start does not take).
 */
function startFailure(error, what, variable, wanted) {
  if (error?.code === 'EADDRINUSE') {
    const suggestion = wanted === 0 ? 0 : wanted + 100 > 65535 ? 0 : wanted + 100;
    return `port ${error.port ?? wanted} is in use (${what}). Fix: set ${variable} to a free port, e.g. ${variable}=${suggestion} npm start`;
  }
  return `the ${what} did not start: ${error?.message ?? error}`;
}

function port(name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    fail(`${name} must be a port number 0–65535 (got "${raw}").`);
  return value;
}

/**
 * The first start bootstraps the store and the collector writes the clear keys to the
 * credentials file (keys are stored hashed, so the file is the only place they can be read again).
 */
function readCredentials(bootstrap) {
  if (bootstrap) return bootstrap;
  if (!existsSync(credentialsFile)) {
    throw new Error(
      `The store already has an application, but ${relative(root, credentialsFile)} is missing, so the demo cannot get its search key.\n` +
        `Fix: delete ${relative(root, dataFile)} (and its -wal/-shm files) to start afresh, or create keys with ` +
        `"npx sightline keys create" and write {"appId":…,"searchKey":…,"adminKey":…} to ${relative(root, credentialsFile)}.`,
    );
  }
  const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8'));
  for (const field of ['appId', 'searchKey', 'adminKey']) {
    if (typeof credentials[field] !== 'string') {
      throw new Error(
        `${relative(root, credentialsFile)} has no "${field}". Fix: restore it, or delete ${relative(root, dataFile)} to start afresh.`,
      );
    }
  }
  return credentials;
}

const { startCollector } = await importBuilt(join(root, 'packages/collector/dist/index.js'));
const { startDemo } = await importBuilt(join(root, 'examples/demo/dist/server/index.js'));

const usesPostgres = Boolean(env.DATABASE_URL || env.SIGHTLINE_DATABASE_URL);
const collectorPort = port('SIGHTLINE_PORT', 4280);
const demoPort = port('DEMO_PORT', 4281);
const collector = await startCollector({
  port: collectorPort,
  ...(usesPostgres ? {} : { dataFile }),
  credentialsFile,
  ...(env.SIGHTLINE_LOG_LEVEL ? {} : { logLevel: 'warn' }),
}).catch((error) => fail(startFailure(error, 'collector', 'SIGHTLINE_PORT', collectorPort)));

let demo;
try {
  const credentials = readCredentials(collector.bootstrap);
  demo = await startDemo({
    port: demoPort,
    host: env.SIGHTLINE_HOST || undefined,
    collectorUrl: collector.url,
    appId: credentials.appId,
    searchApiKey: credentials.searchKey,
  }).catch((error) => {
    throw new Error(startFailure(error, 'the demo shop', 'DEMO_PORT', demoPort));
  });
  const fragment = new URLSearchParams({ appId: credentials.appId, apiKey: credentials.adminKey });
  process.stdout.write(
    [
      '',
      '  Sightline is running.',
      '',
      `  Demo shop    ${demo.url}/`,
      `  Dashboard    ${collector.url}/dashboard/#${fragment}`,
      `  Insights API ${collector.url}/1/events`,
      '',
      `  App ID       ${credentials.appId}`,
      `  Search key   ${credentials.searchKey}   (for aa('init', { appId, apiKey, host: '${collector.url}' }))`,
      `  Admin key    in ${relative(root, credentialsFile)} (the dashboard link above signs in with it)`,
      `  Data         ${usesPostgres ? 'PostgreSQL (DATABASE_URL)' : relative(root, dataFile)}`,
      '',
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
} catch (error) {
  await collector.close();
  fail(error.message);
}

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n[start] ${signal}: stopping the demo and the collector…\n`);
  // The demo first: its last search reports still reach the collector.
  await demo.close();
  await collector.close();
  process.stdout.write('[start] stopped.\n');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
