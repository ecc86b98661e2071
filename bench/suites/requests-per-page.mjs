// 3. Requests per page: a burst of N aa() events on a real page (the standard loading snippet, then
// the UMD, default browser transport), counted by a local Insights endpoint on another origin. The
// page stays open until no request has arrived for 0.5 s, then navigates away (pagehide, where a
// batching client flushes), and counting goes on until the network is quiet again. Then the visitor
// comes back once (a client with an outbox delivers what the first page could not) and leaves.

import { launchBrowser } from '../lib/browser.mjs';
import { startCountingServer } from '../lib/counting-server.mjs';
import { figure, unmeasured } from '../lib/figures.mjs';
import { locateReference, locateSightline } from '../lib/locate.mjs';
import { BLANK_PAGE, startStaticServer } from '../lib/static-server.mjs';
import { median } from '../lib/stats.mjs';
import { clickCalls } from '../lib/traffic.mjs';

const BURSTS = [1, 10, 100, 1000];
const QUIET_MS = 500;
const MAX_WAIT_MS = 20_000;

const snippetPage = (script) => `<!doctype html><html><head><meta charset="utf-8"><title>shop</title>
<script>
  window.AlgoliaAnalyticsObject = 'aa';
  window.aa = window.aa || function () { (window.aa.queue = window.aa.queue || []).push(arguments); };
</script>
<script src="${script}"></script></head><body><p>results</p></body></html>`;

async function waitQuiet(counter, appId, since) {
  const deadline = Date.now() + MAX_WAIT_MS;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const last = Math.max(counter.stats(appId).lastAt, since);
    if (Date.now() - last >= QUIET_MS || Date.now() > deadline) return;
  }
}

export default {
  name: 'requests',
  title: 'Requests per page',
  async run(ctx) {
    const reference = locateReference();
    const sightline = locateSightline();
    const base = (n) => ({
      id: `requests.burst${n}`,
      label: `requests for a burst of ${n} event${n > 1 ? 's' : ''}`,
      unit: 'requests',
      better: 'lower',
      referenceLabel: `search-insights ${reference.version} UMD`,
    });
    if (!sightline.umd) {
      return { figures: BURSTS.map((n) => unmeasured(base(n), 'no UMD build of @sightline/insights yet')) };
    }
    const pages = await startStaticServer({
      '/sightline.html': { body: snippetPage('/sightline.js'), type: 'text/html; charset=utf-8' },
      '/reference.html': { body: snippetPage('/reference.js'), type: 'text/html; charset=utf-8' },
      '/sightline.js': { file: sightline.umd },
      '/reference.js': { file: reference.umd },
    });
    // Another port is another origin: the endpoint is cross-origin, as insights.algolia.io is.
    const away = await startStaticServer({
      '/blank.html': { body: BLANK_PAGE, type: 'text/html; charset=utf-8' },
    });
    const counter = await startCountingServer();
    const browser = await launchBrowser();
    ctx.machine.chromium = browser.version();
    const calls = clickCalls(1000, 21);
    const detail = [];
    let runId = 0;
    try {
      const figures = [];
      for (const n of BURSTS) {
        const seen = { sightline: [], reference: [] };
        const pageRun = (name) => async () => {
          const appId = `BENCH${++runId}`;
          const context = await browser.newContext();
          const page = await context.newPage();
          await page.goto(`${pages.url}/${name}.html`);
          await page.evaluate(
            ({ appId, host, events }) => {
              window.aa('init', { appId, apiKey: 'bench-key', host, userToken: 'bench-user' });
              for (const event of events) window.aa('clickedObjectIDsAfterSearch', event);
            },
            { appId, host: counter.url, events: calls.slice(0, n) },
          );
          const burstAt = Date.now();
          await waitQuiet(counter, appId, burstAt);
          await page.goto(`${away.url}/blank.html`);
          await waitQuiet(counter, appId, Date.now());
          const firstVisit = counter.stats(appId);
          // The visitor comes back: a client with an outbox sends what the first page could not.
          await page.goto(`${pages.url}/${name}.html`);
          await page.evaluate(
            ({ appId, host }) =>
              window.aa('init', { appId, apiKey: 'bench-key', host, userToken: 'bench-user' }),
            { appId, host: counter.url },
          );
          await waitQuiet(counter, appId, Date.now());
          await page.goto(`${away.url}/blank.html`);
          await waitQuiet(counter, appId, Date.now());
          await context.close();
          const stats = { ...counter.stats(appId), firstVisitEvents: firstVisit.events };
          seen[name].push(stats);
          return stats.posts + stats.preflights;
        };
        // Request counts are not timings: both clients' pages run at the same time (separate
        // contexts, separate counters), which halves the suite's time.
        const result = { a: [], b: [], ratios: [] };
        for (let round = 0; round < ctx.runs; round++) {
          const [own, ref] = await Promise.all([pageRun('sightline')(), pageRun('reference')()]);
          result.a.push(own);
          result.b.push(ref);
          result.ratios.push(own / ref);
        }
        figures.push(figure({ ...base(n), sightline: result.a, reference: result.b, ratios: result.ratios }));
        for (const name of ['sightline', 'reference']) {
          const runs = seen[name];
          const events = median(runs.map((s) => s.events));
          const firstVisit = median(runs.map((s) => s.firstVisitEvents));
          const types = [...new Set(runs.flatMap((s) => Object.keys(s.contentTypes)))].join(', ');
          detail.push(
            `| ${n} | ${name} | ${median(runs.map((s) => s.posts))} | ${median(runs.map((s) => s.preflights))} | ${firstVisit} | ${events}${events < n ? ` (**${n - events} lost**)` : ''} | ${Math.round(median(runs.map((s) => s.bytes)) / 1024)} kB | ${types} |`,
          );
        }
        ctx.log(`burst ${n}: sightline ${median(result.a)} requests, reference ${median(result.b)}`);
      }
      return {
        figures,
        details: [
          `Each run: a fresh browser context opens a page with the standard loading snippet and the client's UMD, calls \`aa('init', { host })\` pointing at a local counting endpoint on another origin, then N \`aa('clickedObjectIDsAfterSearch', …)\` calls in one task; when no request has arrived for 0.5 s it navigates to another origin (pagehide), then comes back to the page once (which calls \`init\` again, so a client with an outbox sends what is left) and leaves again. Requests = POSTs + CORS preflights (medians of ${ctx.runs} runs; both clients' pages run side by side, each counted apart); events = events that arrived.`,
          '',
          '| burst | client | POSTs | preflights | events received by the end of the first page | events received after the visitor comes back | bytes | content types |',
          '|---:|---|---:|---:|---:|---:|---:|---|',
          ...detail,
        ],
      };
    } finally {
      await browser.close();
      await Promise.all([pages.close(), away.close(), counter.close()]);
    }
  },
};
