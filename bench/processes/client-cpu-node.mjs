// Client CPU in Node: both clients in this one process, each with a no-op transport, called through
// their public `aa(name, …)` interface, measured in interleaved rounds. Each client gets its own
// compiled loop (new Function) so one client's call site feedback never slows the other's.
//
// argv: JSON { roundMs, rounds, ops: string[], sightlineSpecifier }  →  IPC { type: 'result', ops: { [op]: { sightline:
// number[], reference: number[], ratios: number[] } }, versions }

import { interleave } from '../lib/stats.mjs';
import { clickCalls } from '../lib/traffic.mjs';

const { roundMs, rounds, ops, sightlineSpecifier } = JSON.parse(process.argv[2]);
const noopTransport = async () => true;
const CHUNK = 500;
const PREFILL = 5000;

async function load(specifier) {
  const mod = await import(specifier);
  const create = mod.createInsightsClient ?? mod.default?.createInsightsClient;
  if (typeof create !== 'function') throw new Error(`${specifier} exports no createInsightsClient`);
  const client = create(noopTransport);
  // search-insights returns the functional `aa`; accept an instance too, called the same way.
  const aa = typeof client === 'function' ? client : (name, ...args) => client[name](...args);
  aa('init', { appId: 'BENCHAPP', apiKey: 'bench-key', userToken: 'bench-user' });
  return aa;
}

function payloadsFor(op, calls) {
  if (op === 'clickedObjectIDsAfterSearch') return calls;
  if (op === 'viewedObjectIDs')
    return calls.map(({ index, objectIDs }) => ({ eventName: 'Product Viewed', index, objectIDs }));
  if (op === 'convertedObjectIDsAfterSearch') {
    return calls.map(({ index, objectIDs, queryID }) => ({
      eventName: 'Product Converted',
      index,
      objectIDs,
      queryID,
    }));
  }
  throw new Error(`unknown op ${op}`);
}

// One loop per client: runs calls for at least `ms`, yielding to the event loop every CHUNK calls
// so that promise callbacks and any timers (batching) run inside the measured time.
const makeLoop = () =>
  new Function(
    'aa',
    'op',
    'payloads',
    'ms',
    'CHUNK',
    `return (async () => {
      const swallow = () => {};
      let i = 0;
      const start = performance.now();
      let elapsed = 0;
      do {
        for (let k = 0; k < CHUNK; k++) {
          const result = aa(op, payloads[i++ % payloads.length]);
          if (result && typeof result.then === 'function') result.then(swallow, swallow);
        }
        await new Promise((resolve) => setImmediate(resolve));
        elapsed = performance.now() - start;
      } while (elapsed < ms);
      return i / (elapsed / 1000);
    })();`,
  );

try {
  const clients = {
    sightline: await load(sightlineSpecifier),
    reference: await load('search-insights'),
  };
  const prefill = clickCalls(PREFILL, 3).map((call, i) => ({ ...call, objectIDs: [`prefill-${i}`] }));
  const calls = clickCalls(20_000, 7);
  const loops = { sightline: makeLoop(), reference: makeLoop() };
  for (const name of Object.keys(clients)) {
    for (const call of prefill) clients[name]('clickedObjectIDsAfterSearch', call)?.then?.(null, () => {});
  }
  const out = {};
  for (const op of ops) {
    const payloads = payloadsFor(op, calls);
    const run = (name) => () => loops[name](clients[name], op, payloads, roundMs, CHUNK);
    await run('sightline')(); // warm-up (JIT) for both, not recorded
    await run('reference')();
    const result = await interleave(rounds, run('sightline'), run('reference'));
    out[op] = { sightline: result.a, reference: result.b, ratios: result.ratios };
  }
  process.send({ type: 'result', ops: out });
} catch (error) {
  process.send({ type: 'error', message: error.stack ?? String(error) });
} finally {
  process.disconnect();
}
