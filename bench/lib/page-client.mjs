// Code that runs inside a benchmark page (passed to page.evaluate, so it must be self-contained):
// create a client from a loaded UMD with a no-op transport, pre-fill its remembered-query store,
// and time aa() calls in chunks that grow until each takes a few milliseconds.

/** Creates the client from `window.AlgoliaAnalytics` and fills the remembered-query store. */
export function setupInPage({ prefillMode, prefill, calls }) {
  const create = window.AlgoliaAnalytics?.createInsightsClient;
  if (typeof create !== 'function')
    throw new Error('window.AlgoliaAnalytics.createInsightsClient is missing');
  const client = create(async () => true);
  const aa = typeof client === 'function' ? client : (name, ...args) => client[name](...args);
  aa('init', { appId: 'BENCHAPP', apiKey: 'bench-key', userToken: 'bench-user' });
  if (prefillMode === 'reference-storage') {
    // search-insights' own format: { "<index>_<objectID>": [queryID, timestamp] } in localStorage.
    const map = {};
    const now = Date.now();
    prefill.forEach((call, i) => {
      map[`${call.index}_${call.objectIDs[0]}`] = [call.queryID, now - (prefill.length - i)];
    });
    localStorage.setItem('AlgoliaObjectQueryCache', JSON.stringify(map));
  } else {
    for (const call of prefill) aa('clickedObjectIDsAfterSearch', call)?.then?.(null, () => {});
  }
  const views = calls.map(({ index, objectIDs }) => ({ eventName: 'Product Viewed', index, objectIDs }));
  window.__bench = { aa, payloads: { clickedObjectIDsAfterSearch: calls, viewedObjectIDs: views }, next: 0 };
}

/** Calls aa(op, …) for at least `ms` milliseconds; returns calls per second. */
export async function runInPage({ op, ms }) {
  const bench = window.__bench;
  const payloads = bench.payloads[op];
  const swallow = () => {};
  const channel = new MessageChannel();
  // A macrotask yield without setTimeout's 4 ms clamp, so promise callbacks and timers can run.
  const yieldNow = () =>
    new Promise((resolve) => {
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
  let calls = 0;
  let chunk = 1;
  const start = performance.now();
  let elapsed = 0;
  do {
    const chunkStart = performance.now();
    for (let k = 0; k < chunk; k++) {
      const result = bench.aa(op, payloads[bench.next++ % payloads.length]);
      if (result && typeof result.then === 'function') result.then(swallow, swallow);
    }
    calls += chunk;
    if (performance.now() - chunkStart < 4 && chunk < 4096) chunk *= 2;
    await yieldNow();
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  channel.port1.close();
  return calls / (elapsed / 1000);
}

/** Entries in search-insights' localStorage store (to show it stayed full). */
export function referenceStoreSize() {
  try {
    return Object.keys(JSON.parse(localStorage.getItem('AlgoliaObjectQueryCache') ?? '{}')).length;
  } catch {
    return -1;
  }
}
