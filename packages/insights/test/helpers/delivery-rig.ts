// The end-to-end rig of the delivery tests: the real collector (SQLite in a temp dir) behind the
// fault proxy, which also serves the pages (so the client's requests are same-origin and all pass
// through the faults), the default UMD at /lib/insights.js, and headless Chromium.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../../../test/helpers/chromium.js';
import { type RunningCollector, startCollector } from '../../../collector/src/index.js';
import { SIGHTLINE_UMD } from './browser-pages.js';
import { type FaultProxy, startFaultProxy } from './fault-proxy.js';

/** What a delivery test drives. */
export interface DeliveryRig {
  browser: Browser;
  collector: RunningCollector;
  proxy: FaultProxy;
  credentials: { appId: string; searchKey: string; adminKey: string };
  /** Releases held requests, then stops browser, proxy and collector and removes the data. */
  close(): Promise<void>;
}

/** Starts the rig; `name` prefixes the temp dir. */
export async function startDeliveryRig(name: string): Promise<DeliveryRig> {
  const dir = mkdtempSync(join(tmpdir(), `sightline-${name}-`));
  const collector = await startCollector({
    port: 0,
    host: '127.0.0.1',
    dataFile: join(dir, 'events.db'),
    logLevel: 'silent',
  });
  const proxy = await startFaultProxy(collector.url);
  proxy.pages.set('/lib/insights.js', ['text/javascript', readFileSync(SIGHTLINE_UMD, 'utf8')]);
  const browser = await launchChromium();
  return {
    browser,
    collector,
    proxy,
    credentials: collector.bootstrap!,
    async close() {
      await browser.close();
      proxy.release();
      await proxy.close();
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
