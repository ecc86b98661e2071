// 5. Analytics: stores of 1 M (and, on request, 10 M) events of realistic traffic, then the time
// of each analytics endpoint (Analytics API v2 shapes) over them. There is no local reference to
// compare with (Algolia's analytics is a hosted service), so these are absolute times.
//
// Filling a store goes through the collector's HTTP API and takes minutes, so stores are cached in
// the gitignored bench/results/raw/stores/ (keyed by the collector's SQLite schema, the generator
// version, the size and the seed; reused for 2 days, inside the 30-day event window) and each run
// fills for at most FILL_BUDGET: a store not complete yet is timed at the size it has reached and
// the next run goes on filling it. When the collector has no analytics endpoints, the suite says
// so and skips the fill.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillStore, GENERATOR_VERSION } from '../lib/analytics-data.mjs';
import { figure } from '../lib/figures.mjs';
import { RAW, ROOT } from '../lib/locate.mjs';
import { startCollectorProcess } from '../lib/server-rig.mjs';
import { median } from '../lib/stats.mjs';
import { INDEX } from '../lib/traffic.mjs';

/** Analytics API v2 endpoints, as Algolia names them. Endpoints answering 404 are skipped. */
const ENDPOINTS = [
  '/2/searches',
  '/2/searches/count',
  '/2/searches/noResults',
  '/2/searches/noClicks',
  '/2/searches/noResultRate',
  '/2/searches/noClickRate',
  '/2/clicks/clickThroughRate',
  '/2/clicks/averageClickPosition',
  '/2/clicks/positions',
  '/2/conversions/conversionRate',
  '/2/conversions/addToCartRate',
  '/2/conversions/purchaseRate',
  '/2/conversions/revenue',
  '/2/hits',
  '/2/users/count',
];
const DAY_MS = 86_400_000;
const DAYS = 27;
const SEED = 99;
const CACHE_MAX_AGE_MS = 2 * DAY_MS;
/** Time after which an endpoint gets no more timed runs. */
const ENDPOINT_BUDGET_MS = 8_000;

async function timeGet(collector, path, params) {
  const started = performance.now();
  const response = await fetch(`${collector.url}${path}?${params}`, {
    headers: {
      'x-algolia-application-id': collector.bootstrap.appId,
      'x-algolia-api-key': collector.bootstrap.adminKey,
    },
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

function cacheDir(size) {
  let schema = '';
  for (const file of ['packages/collector/src/store/sqlite/schema.ts']) {
    if (existsSync(join(ROOT, file))) schema += readFileSync(join(ROOT, file), 'utf8');
  }
  const key = createHash('sha256')
    .update(`${schema}\n${GENERATOR_VERSION}\n${size}\n${SEED}`)
    .digest('hex')
    .slice(0, 16);
  return join(RAW, 'stores', `${size}-${key}`);
}

const SIDE_FILES = ['', '-wal', '-shm'];
const copyDb = (from, to) => {
  for (const suffix of SIDE_FILES) if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
};

/** A collector on a working copy of the cached store for `size` (or a fresh one), with its meta. */
async function openCachedStore(size) {
  const dir = cacheDir(size);
  const metaFile = join(dir, 'meta.json');
  let meta = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : undefined;
  // Resumed fills reuse the store's start time; past a few days its oldest events would fall out of
  // the collector's 30-day window (and be refused), so an older cache is rebuilt.
  if (meta && Date.now() - meta.createdAt > CACHE_MAX_AGE_MS) {
    rmSync(dir, { recursive: true, force: true });
    meta = undefined;
  }
  const work = mkdtempSync(join(tmpdir(), 'sightline-bench-analytics-'));
  const dataFile = join(work, 'events.db');
  if (meta) copyDb(join(dir, 'events.db'), dataFile);
  const collector = await startCollectorProcess({ dataFile, credentials: meta?.credentials });
  meta ??= {
    createdAt: Date.now(),
    from: Date.now() - DAYS * DAY_MS,
    events: 0,
    searches: 0,
    credentials: collector.bootstrap,
    fills: [],
  };
  return {
    collector,
    meta,
    /** Stops the collector, saves the store and its meta to the cache, removes the working copy. */
    async close() {
      await collector.stop();
      mkdirSync(dir, { recursive: true });
      copyDb(dataFile, join(dir, 'events.db'));
      writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
      rmSync(work, { recursive: true, force: true });
    },
    async discard() {
      await collector.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export default {
  name: 'analytics',
  title: 'Analytics queries',
  async run(ctx) {
    const fillBudgetMs = ctx.quick ? 60_000 : 150_000;
    const probe = await startCollectorProcess();
    let available;
    try {
      const statuses = await Promise.all(
        ENDPOINTS.map(async (path) => [path, (await timeGet(probe, path, `index=${INDEX}`)).status]),
      );
      available = statuses.filter(([, status]) => status !== 404 && status !== 405).map(([path]) => path);
      const missing = statuses
        .filter(([, status]) => status === 404 || status === 405)
        .map(([path]) => `\`${path}\``);
      if (missing.length)
        ctx.note(`not served by the collector yet (404), so not timed: ${missing.join(', ')}.`);
    } finally {
      await probe.stop();
    }
    if (available.length === 0) {
      return {
        figures: [],
        details: [
          `**TODO (analytics not built yet):** every Analytics API v2 endpoint answered 404. The harness and the data generator (\`bench/lib/analytics-data.mjs\`) are ready; once the endpoints exist, \`npm run bench -- --only analytics\` times them.`,
        ],
      };
    }
    const figures = [];
    const details = [
      `Stores filled through the collector's HTTP API (searches via \`POST /1/searches\`, events via \`POST /1/events\`, 1,000 per request, 4 in flight), sessions spread over ${DAYS} days with the real query popularity; cached between runs in \`bench/results/raw/stores/\` and filled for at most ${fillBudgetMs / 1000} s per run. Each endpoint is called with \`index=${INDEX}\` and the store's date range: first call, then the median of ${ctx.runs} calls (fewer when they take over ${ENDPOINT_BUDGET_MS / 1000} s together; see the runs column).`,
      '',
      '| store | endpoint | status | first call | median |',
      '|---|---|---:|---:|---:|',
    ];
    let budgetLeft = fillBudgetMs;
    for (const size of ctx.analyticsSizes) {
      const store = await openCachedStore(size);
      let saved = false;
      try {
        const { collector, meta } = store;
        if (meta.events < size && budgetLeft > 0) {
          const fill = await fillStore({
            url: collector.url,
            appId: meta.credentials.appId,
            searchKey: meta.credentials.searchKey,
            events: size,
            from: meta.from,
            skipEvents: meta.events,
            budgetMs: budgetLeft,
            days: DAYS,
            seed: SEED,
            log: ctx.log,
          });
          budgetLeft -= fill.seconds * 1000;
          meta.events = fill.events;
          meta.searches = fill.searches;
          meta.fills.push({
            at: new Date().toISOString(),
            sent: fill.sentEvents,
            seconds: fill.seconds,
            phases: fill.phases,
          });
          const rates = fill.phases
            .map((p) => Math.round(p.events / p.seconds).toLocaleString('en-US'))
            .join(' → ');
          ctx.note(
            `${size.toLocaleString('en-US')}-event store: this run ingested ${fill.sentEvents.toLocaleString('en-US')} events in ${fill.seconds.toFixed(0)} s (${Math.round(fill.sentEvents / fill.seconds).toLocaleString('en-US')} events/s${rates ? `; per 100,000 events: ${rates} events/s` : ''}).`,
          );
        }
        const reached = meta.events;
        if (reached < size) {
          ctx.note(
            `${size.toLocaleString('en-US')}-event store is not complete yet (${reached.toLocaleString('en-US')} events): timed at that size; the next run goes on filling it.`,
          );
        }
        let bytes = Number.NaN;
        try {
          bytes = statSync(collector.dataFile).size;
        } catch {
          // Not a file store.
        }
        const day = (ms) => new Date(ms).toISOString().slice(0, 10);
        const params = `index=${INDEX}&startDate=${day(meta.from)}&endDate=${day(meta.from + DAYS * DAY_MS)}`;
        const label = `${reached.toLocaleString('en-US')} events`;
        details.splice(
          2,
          0,
          `Store of ${label} and ${meta.searches.toLocaleString('en-US')} searches: SQLite file ${(bytes / 2 ** 20).toFixed(0)} MB.`,
          '',
        );
        for (const path of available) {
          const first = await timeGet(collector, path, params);
          // A slow endpoint on a big store gets fewer runs (at least 1) instead of stalling the suite.
          const runs = [];
          let spent = 0;
          while (runs.length < ctx.runs && (runs.length === 0 || spent < ENDPOINT_BUDGET_MS)) {
            const { ms } = await timeGet(collector, path, params);
            runs.push(ms);
            spent += ms;
          }
          figures.push(
            figure({
              id: `analytics.${size}.${path}`,
              label: `GET ${path}, ${label}`,
              unit: 'ms',
              better: 'lower',
              sightline: runs,
              reference: [],
              referenceLabel: 'none (hosted at Algolia)',
            }),
          );
          details.push(
            `| ${label} | \`${path}\` | ${first.status} | ${first.ms.toFixed(1)} ms | ${median(runs).toFixed(1)} ms |`,
          );
        }
        await store.close();
        saved = true;
      } finally {
        if (!saved) await store.discard();
      }
    }
    return { figures, details };
  },
};
