// Starts the processes the server-side suites need — the real collector on a fresh SQLite file,
// the ceiling server, the load generator — and tears them down again, temp files included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH, CALIBRATE } from './locate.mjs';
import { cpuSeconds, forkNode, nextMessage, stopChild } from './processes.mjs';

/**
 * The real collector in its own process, on a durable SQLite file: a fresh one in a temp folder
 * (removed on stop), or `dataFile` when given (left in place; then `credentials` must be given,
 * since only an empty store hands out bootstrap credentials).
 * @param {{ dataFile?: string, credentials?: { appId: string, searchKey: string, adminKey: string }, execArgv?: string[] }} [options]
 */
export async function startCollectorProcess(options = {}) {
  if (CALIBRATE) return startCeilingProcess();
  const dir = options.dataFile ? undefined : mkdtempSync(join(tmpdir(), 'sightline-bench-'));
  const dataFile = options.dataFile ?? join(dir, 'events.db');
  const cleanUp = () => dir && rmSync(dir, { recursive: true, force: true });
  const child = forkNode(join(BENCH, 'processes/collector-process.mjs'), [dataFile], options.execArgv);
  try {
    const ready = await nextMessage(child, 'ready');
    const credentials = ready.bootstrap ?? options.credentials;
    if (!credentials) throw new Error('the collector returned no bootstrap credentials for a fresh store');
    return {
      ...ready,
      bootstrap: credentials,
      dataFile,
      ingestUrl: `${ready.url}/1/events?X-Algolia-Application-Id=${encodeURIComponent(credentials.appId)}&X-Algolia-API-Key=${encodeURIComponent(credentials.searchKey)}`,
      async stop() {
        await stopChild(child);
        cleanUp();
      },
    };
  } catch (error) {
    await stopChild(child, 2000);
    cleanUp();
    throw error;
  }
}

/** bench/ceiling-server.mjs in its own process. */
export async function startCeilingProcess() {
  const child = forkNode(join(BENCH, 'ceiling-server.mjs'));
  const ready = await nextMessage(child, 'ready');
  return {
    ...ready,
    ingestUrl: `${ready.url}/1/events?X-Algolia-Application-Id=bench&X-Algolia-API-Key=bench`,
    stop: () => stopChild(child),
  };
}

/** The load generator process; `run()` returns one run's figures plus both sides' CPU use. */
export async function startLoadGenerator() {
  const child = forkNode(join(BENCH, 'processes/load-generator.mjs'));
  const ready = await nextMessage(child, 'ready');
  return {
    pid: ready.pid,
    async prepare(size, seed) {
      child.send({ type: 'prepare', size, seed });
      await nextMessage(child, 'prepared');
    },
    /** @param {{ url: string, serverPid: number, size: number, connections: number, warmupMs: number, durationMs: number, maxRequests: number }} options */
    async run(options) {
      const cpuBefore = { server: cpuSeconds(options.serverPid), load: cpuSeconds(ready.pid) };
      const wallBefore = performance.now();
      child.send({ type: 'run', ...options });
      const result = await nextMessage(child, 'result', options.warmupMs + options.durationMs + 60_000);
      const wallSeconds = (performance.now() - wallBefore) / 1000;
      return {
        ...result,
        // Share of one core each process used over the whole run (warm-up included).
        cpu: {
          server: (cpuSeconds(options.serverPid) - cpuBefore.server) / wallSeconds,
          load: (cpuSeconds(ready.pid) - cpuBefore.load) / wallSeconds,
        },
      };
    },
    stop: () => stopChild(child),
  };
}
