// 5. Analytics: stores of 1 M (and, on request, 10 M) events of realistic traffic, then the time
// of each analytics endpoint (Analytics API v2 shapes) over them. There is no local reference to
// compare with (Algolia's analytics is a hosted service), so these are absolute times. When the
// collector has no analytics endpoints yet, the suite says so and skips the (slow) data fill.
import { statSync } from 'node:fs';
import { fillStore } from '../lib/analytics-data.mjs';
import { figure } from '../lib/figures.mjs';
import { startCollectorProcess } from '../lib/server-rig.mjs';
import { median } from '../lib/stats.mjs';
import { INDEX } from '../lib/traffic.mjs';

/** Analytics API v2 endpoints the dashboard needs, as Algolia names them. */
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

export default {
  name: 'analytics',
  title: 'Analytics queries',
  async run(ctx) {
    const probe = await startCollectorProcess();
    let available;
    try {
      const params = `index=${INDEX}`;
      const results = await Promise.all(
        ENDPOINTS.map(async (path) => [path, (await timeGet(probe, path, params)).status]),
      );
      available = results.filter(([, status]) => status !== 404 && status !== 405).map(([path]) => path);
      if (available.length === 0) {
        return {
          figures: [],
          details: [
            `**TODO (analytics not built yet):** every Analytics API v2 endpoint answered 404 (${ENDPOINTS.length} probed: ${ENDPOINTS.map((p) => `\`${p}\``).join(', ')}). The harness and the data generator (\`bench/lib/analytics-data.mjs\`: searches through \`POST /1/searches\`, events through \`POST /1/events\`, the real query popularity, ${ctx.analyticsSizes.map((s) => s.toLocaleString('en-US')).join(' / ')} events over 27 days) are ready; once the endpoints exist, \`npm run bench -- --only analytics\` times them (add \`--analytics-sizes 1000000,10000000\` for the 10 M store).`,
          ],
        };
      }
    } finally {
      await probe.stop();
    }
    const figures = [];
    const details = [
      '| store | endpoint | status | first call | median of runs |',
      '|---|---|---:|---:|---:|',
    ];
    for (const size of ctx.analyticsSizes) {
      const collector = await startCollectorProcess();
      try {
        const filled = await fillStore({
          url: collector.url,
          appId: collector.bootstrap.appId,
          searchKey: collector.bootstrap.searchKey,
          events: size,
          log: ctx.log,
        });
        let bytes = Number.NaN;
        try {
          bytes = statSync(collector.dataFile).size;
        } catch {
          // Not a file store.
        }
        ctx.note(
          `${size.toLocaleString('en-US')}-event store: ${filled.events.toLocaleString('en-US')} events and ${filled.searches.toLocaleString('en-US')} searches ingested in ${filled.seconds.toFixed(0)} s (${Math.round(filled.events / filled.seconds).toLocaleString('en-US')} events/s, 1,000 per request, 4 in flight); SQLite file ${(bytes / 2 ** 20).toFixed(0)} MB.`,
        );
        const params = `index=${INDEX}&startDate=${filled.startDate}&endDate=${filled.endDate}`;
        for (const path of available) {
          const first = await timeGet(collector, path, params);
          const runs = [];
          for (let i = 0; i < ctx.runs; i++) runs.push((await timeGet(collector, path, params)).ms);
          figures.push(
            figure({
              id: `analytics.${size}.${path}`,
              label: `GET ${path}, ${size.toLocaleString('en-US')} events`,
              unit: 'ms',
              better: 'lower',
              sightline: runs,
              reference: [],
              referenceLabel: 'none (hosted at Algolia)',
            }),
          );
          details.push(
            `| ${size.toLocaleString('en-US')} | \`${path}\` | ${first.status} | ${first.ms.toFixed(1)} ms | ${median(runs).toFixed(1)} ms |`,
          );
        }
      } finally {
        await collector.stop();
      }
    }
    return { figures, details };
  },
};
