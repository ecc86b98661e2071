// Starts the processes the server-side suites need — the real collector on a fresh SQLite file,
// the ceiling server, the load generator — and tears them down again, temp files included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH, CALIBRATE } from './locate.mjs';
import { cpuSeconds, forkNode, nextMessage, stopChild } from './processes.mjs';

/** The real collector in its own process, on a durable SQLite file in a fresh temp folder. */
export async function startCollectorProcess() {
  if (CALIBRATE) return startCeilingProcess();
  const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-'));
  const child = forkNode(join(BENCH, 'processes/collector-process.mjs'), [join(dir, 'events.db')]);
  try {
    const ready = await nextMessage(child, 'ready');
    if (!ready.bootstrap)
      throw new Error('the collector returned no bootstrap credentials for a fresh store');
    return {
      ...ready,
      dataFile: join(dir, 'events.db'),
      ingestUrl: `${ready.url}/1/events?X-Algolia-Application-Id=${encodeURIComponent(ready.bootstrap.appId)}&X-Algolia-API-Key=${encodeURIComponent(ready.bootstrap.searchKey)}`,
      async stop() {
        await stopChild(child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopChild(child, 2000);
    rmSync(dir, { recursive: true, force: true });
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
