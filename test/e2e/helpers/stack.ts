import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoOptions, type DemoServer, startDemo } from '../../../examples/demo/src/server/index.js';
import { type RunningCollector, startCollector } from '../../../packages/collector/src/index.js';

/** A collector on a fresh SQLite file and a demo shop wired to it, both on free ports. */
export interface Stack {
  collector: RunningCollector;
  demo: DemoServer;
  appId: string;
  searchKey: string;
  adminKey: string;
  stop(): Promise<void>;
}

/** Starts the stack; `demo` overrides demo options (e.g. the original search-insights UMD). */
export async function startStack(demo: Partial<DemoOptions> = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-e2e-'));
  const collector = await startCollector({
    port: 0,
    dataFile: join(dir, 'events.db'),
    logLevel: 'silent',
    env: {},
  });
  const credentials = collector.bootstrap;
  if (!credentials) throw new Error('a fresh store must bootstrap an application');
  const shop = await startDemo({
    port: 0,
    collectorUrl: collector.url,
    appId: credentials.appId,
    searchApiKey: credentials.searchKey,
    logLevel: 'silent',
    ...demo,
  });
  return {
    collector,
    demo: shop,
    ...credentials,
    async stop() {
      await shop.close();
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
