// A real collector on a temporary SQLite file and the demo shop in front of it, for the demo's tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningCollector, startCollector } from '../../../../packages/collector/src/index.js';
import { type DemoServer, startDemo } from '../../src/server/index.js';

/** The original search-insights UMD: the shop's pages load it as their client script in these tests. */
export const ORIGINAL_UMD = new URL(
  '../../../../node_modules/search-insights/dist/search-insights.min.js',
  import.meta.url,
).pathname;

/** A collector on a fresh store (its bootstrap credentials set) and what removes both again. */
export async function startTempCollector(prefix: string): Promise<{
  collector: RunningCollector;
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const collector = await startCollector({
    port: 0,
    dataFile: join(dir, 'events.db'),
    logLevel: 'silent',
    env: {},
  });
  return {
    collector,
    async close() {
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo shop reporting to `collector` with its bootstrap search key (`collectorUrl` may differ in form). */
export function startShopFor(collector: RunningCollector, collectorUrl = collector.url): Promise<DemoServer> {
  const boot = collector.bootstrap!;
  return startDemo({
    port: 0,
    collectorUrl,
    appId: boot.appId,
    searchApiKey: boot.searchKey,
    clientScript: ORIGINAL_UMD,
    logLevel: 'silent',
  });
}
