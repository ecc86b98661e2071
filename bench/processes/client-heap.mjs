// Client heap growth: one client in a fresh process (run with --expose-gc), a no-op transport,
// N aa('clickedObjectIDsAfterSearch') calls over realistic events; heapUsed after a full GC,
// before and after. A fresh process per measurement keeps the other client's garbage out.
//
// argv: <specifier> <events>  →  IPC { type: 'result', before, after, growth, rss, seconds }
import { clickCalls } from '../lib/traffic.mjs';

const [specifier, eventsArg] = process.argv.slice(2);
const total = Number(eventsArg);
const CHUNK = 1000;

if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
const settle = async () => {
  await new Promise((resolve) => setImmediate(resolve));
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};

try {
  const mod = await import(specifier);
  const create = mod.createInsightsClient ?? mod.default?.createInsightsClient;
  const client = create(async () => true);
  const aa = typeof client === 'function' ? client : (name, ...args) => client[name](...args);
  aa('init', { appId: 'BENCHAPP', apiKey: 'bench-key', userToken: 'bench-user' });
  // 50,000 distinct realistic events, cycled: more distinct (index, objectID) keys than any
  // bounded store keeps, so an unbounded one would show here.
  const calls = clickCalls(50_000, 5);
  const swallow = () => {};
  // Warm-up: one call of each kind, so code and first allocations are not counted as growth.
  aa('clickedObjectIDsAfterSearch', calls[0])?.then?.(swallow, swallow);
  const before = await settle();
  const started = performance.now();
  for (let i = 0; i < total; i += CHUNK) {
    for (let k = 0; k < CHUNK; k++) {
      aa('clickedObjectIDsAfterSearch', calls[(i + k) % calls.length])?.then?.(swallow, swallow);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const seconds = (performance.now() - started) / 1000;
  const after = await settle();
  // `calls` is used after the last measurement so it cannot be collected in between.
  process.send({
    type: 'result',
    before,
    after,
    growth: after - before,
    rss: process.memoryUsage().rss,
    seconds,
    distinct: calls.length,
  });
} catch (error) {
  process.send({ type: 'error', message: error.stack ?? String(error) });
}
process.disconnect();
