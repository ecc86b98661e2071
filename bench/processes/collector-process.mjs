// Runs the real collector in a process of its own (so the load generator and the orchestrator do
// not share its event loop), on 127.0.0.1, with a durable SQLite file. Tells the parent its URL,
// bootstrap credentials and pid over IPC; closes gracefully on the message "close".
import { pathToFileURL } from 'node:url';
import { locateCollector } from '../lib/locate.mjs';
import { transpileForNode } from '../lib/ts-import.mjs';

const dataFile = process.argv[2];
if (!dataFile) throw new Error('usage: collector-process.mjs <dataFile>');

const located = locateCollector();
if (!located.entry) {
  process.send?.({ type: 'error', message: 'packages/collector has neither a build nor src/index.ts' });
  process.exit(1);
}
const entry = located.built ?? (await transpileForNode(located.source, 'collector-from-source'));
const { startCollector } = await import(pathToFileURL(entry).href);
if (typeof startCollector !== 'function') {
  process.send?.({ type: 'error', message: `${entry} does not export startCollector()` });
  process.exit(1);
}
// The rate limit is per API key and the load generator uses one key: it would measure the limit,
// not the collector. Everything else is the default configuration (durable SQLite).
const collector = await startCollector({
  port: 0,
  host: '127.0.0.1',
  dataFile,
  logLevel: 'silent',
  rateLimitPerMinute: 0,
  rateLimitPerIp: 0,
});
process.send?.({
  type: 'ready',
  url: collector.url,
  bootstrap: collector.bootstrap,
  pid: process.pid,
  fromSource: !located.built,
});

process.on('message', async (message) => {
  if (message === 'close') {
    await collector.close();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
