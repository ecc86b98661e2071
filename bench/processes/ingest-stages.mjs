// What one ingested event costs, stage by stage, without HTTP: the collector's own parse, batch
// validation and SQLite store (group commit, the collector's defaults), over the load generator's
// bodies. A second store variant leaves out the two user-token indexes, to show what they cost.
// The suite compares the sum with the ceiling server's time per event, which says whether the
// ingest target is reachable by this design at all. Runs in its own process: a fresh heap and
// nothing else on its event loop.
//
// IPC: { type: 'run', size, requests, seed, rounds } → { type: 'result', perEventUs: {…}, rounds }
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { ROOT } from '../lib/locate.mjs';
import { median } from '../lib/stats.mjs';
import { ingestBodies } from '../lib/traffic.mjs';

const collector = await import(pathToFileURL(join(ROOT, 'packages/collector/dist/index.js')).href);
const events = await import(pathToFileURL(join(ROOT, 'packages/events/dist/index.js')).href);

/** How many appends are in flight at once: the load generator's connection count. */
const IN_FLIGHT = 32;
const HEADERS = {
  referer: 'https://shop.example/search',
  userAgent: 'Mozilla/5.0 (bench)',
  agent: 'insights-js (2.18.0)',
};

async function storeCost(requests, dropIndexes) {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-stages-'));
  const dataFile = join(dir, 'events.db');
  try {
    const store = await collector.openStore({ kind: 'sqlite', dataFile, synchronous: 'NORMAL' });
    if (dropIndexes.length) {
      const db = new Database(dataFile);
      for (const name of dropIndexes) db.exec(`DROP INDEX ${name}`);
      db.close();
    }
    const started = performance.now();
    let inFlight = [];
    let count = 0;
    for (const [i, list] of requests.entries()) {
      inFlight.push(
        store.appendRequest({
          appId: 'bench',
          requestId: `r${i}`,
          receivedAt: Date.now(),
          headers: HEADERS,
          device: 'desktop',
          status: 200,
          accepted: true,
          entries: list.map((event) => ({ event, errors: [] })),
        }),
      );
      count += list.length;
      if (inFlight.length >= IN_FLIGHT) {
        await Promise.all(inFlight);
        inFlight = [];
      }
    }
    await Promise.all(inFlight);
    const us = ((performance.now() - started) * 1000) / count;
    await store.close();
    return us;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timePerEvent(bodies, fn) {
  let count = 0;
  const started = performance.now();
  for (const body of bodies) count += fn(body);
  return ((performance.now() - started) * 1000) / count;
}

async function run({ size, requests, seed, rounds }) {
  const texts = ingestBodies(size, requests, seed);
  const out = { parse: [], validate: [], store: [], storeWithoutTokenIndexes: [] };
  for (let round = 0; round < rounds; round++) {
    const parsed = texts.map((text) => JSON.parse(text));
    out.parse.push(timePerEvent(texts, (text) => JSON.parse(text).events.length));
    const options = events.resolveValidationOptions({ now: Date.now() });
    out.validate.push(
      timePerEvent(parsed, (body) => {
        const result = events.validateBatch(body, options);
        if (!result.ok) throw new Error(`bench body refused: ${result.issue.message}`);
        return result.events.length;
      }),
    );
    const lists = parsed.map((body) => body.events);
    out.store.push(await storeCost(lists, []));
    out.storeWithoutTokenIndexes.push(
      await storeCost(lists, ['entries_user_token', 'entries_auth_user_token']),
    );
  }
  const perEventUs = Object.fromEntries(Object.entries(out).map(([k, v]) => [k, median(v)]));
  return { perEventUs, rounds: out };
}

process.on('message', async (message) => {
  if (message === 'close') process.exit(0);
  if (message?.type !== 'run') return;
  try {
    process.send({ type: 'result', ...(await run(message)) });
  } catch (error) {
    process.send({ type: 'error', message: error?.stack ?? String(error) });
  }
});
process.send({ type: 'ready' });
