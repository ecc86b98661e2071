// Profiles one client's `aa(op, event)` calls (no-op transport) with the V8 profiler, started
// after setup so that module loading and the harness's data generation are not in the profile.
// The cpu-node suite reads it to say where the time goes when a target is missed.
//
// argv: <specifier> <op> <ms> <output .cpuprofile path>
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { clickCalls } from '../lib/traffic.mjs';

const [specifier, op, msArg, output] = process.argv.slice(2);
const mod = await import(specifier);
const create = mod.createInsightsClient ?? mod.default?.createInsightsClient;
const client = create(async () => true);
const aa = typeof client === 'function' ? client : (name, ...args) => client[name](...args);
aa('init', { appId: 'BENCHAPP', apiKey: 'bench-key', userToken: 'bench-user' });
const calls = clickCalls(20_000, 7);
const payloads =
  op === 'viewedObjectIDs'
    ? calls.map(({ index, objectIDs }) => ({ eventName: 'Product Viewed', index, objectIDs }))
    : calls;
const swallow = () => {};
let i = 0;
const runFor = async (ms) => {
  const stopAt = performance.now() + ms;
  while (performance.now() < stopAt) {
    for (let k = 0; k < 500; k++) aa(op, payloads[i++ % payloads.length])?.then?.(swallow, swallow);
    await new Promise((resolve) => setImmediate(resolve));
  }
};
await runFor(300); // warm-up: optimised code, as in the measured runs
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
await runFor(Number(msArg));
const { profile } = await session.post('Profiler.stop');
writeFileSync(output, JSON.stringify(profile));
session.disconnect();
