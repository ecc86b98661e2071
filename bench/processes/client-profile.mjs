// Run under `node --cpu-prof`: one client, `aa(op, event)` calls for a fixed time with a no-op
// transport, then exit so Node writes the profile. The cpu-node suite reads it to say where the
// time goes when a target is missed.
//
// argv: <specifier> <op> <ms>
import { clickCalls } from '../lib/traffic.mjs';

const [specifier, op, msArg] = process.argv.slice(2);
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
const stopAt = performance.now() + Number(msArg);
let i = 0;
while (performance.now() < stopAt) {
  for (let k = 0; k < 500; k++) aa(op, payloads[i++ % payloads.length])?.then?.(swallow, swallow);
  await new Promise((resolve) => setImmediate(resolve));
}
