// 2b. Client CPU in Chromium: aa() calls per second with a no-op transport, each UMD in a fresh
// browser context of its own, with the remembered-query store pre-filled with 5,000 entries.
// Target: ≥ 100× the reference for clickedObjectIDsAfterSearch with the full store.

import { launchBrowser } from '../lib/browser.mjs';
import { figure, unmeasured } from '../lib/figures.mjs';
import { locateReference, locateSightline } from '../lib/locate.mjs';
import { referenceStoreSize, runInPage, setupInPage } from '../lib/page-client.mjs';
import { BLANK_PAGE, startStaticServer } from '../lib/static-server.mjs';
import { interleave } from '../lib/stats.mjs';
import { clickCalls } from '../lib/traffic.mjs';

const OPS = ['clickedObjectIDsAfterSearch', 'viewedObjectIDs'];
const PREFILL = 5000;

export default {
  name: 'cpu-browser',
  title: 'Client CPU in Chromium',
  async run(ctx) {
    const reference = locateReference();
    const sightline = locateSightline();
    const base = (op) => ({
      id: `cpu.chromium.${op}`,
      label: `aa('${op}') calls/s, store full`,
      unit: 'calls/s',
      better: 'higher',
      referenceLabel: `search-insights ${reference.version} UMD`,
      target:
        op === 'clickedObjectIDsAfterSearch'
          ? {
              on: 'ratio',
              op: '>=',
              value: 100,
              text: '≥ 100×',
              limit:
                "the reference's cost per click is dominated by re-parsing and re-writing its whole 5,000-entry localStorage map; Sightline's remaining per-call cost (event building and delivery) bounds the ratio",
            }
          : undefined,
    });
    if (!sightline.umd) {
      return { figures: OPS.map((op) => unmeasured(base(op), 'no UMD build of @sightline/insights yet')) };
    }
    const server = await startStaticServer({
      '/blank.html': { body: BLANK_PAGE, type: 'text/html; charset=utf-8' },
      '/sightline.js': { file: sightline.umd },
      '/reference.js': { file: reference.umd },
    });
    const browser = await launchBrowser();
    ctx.machine.chromium = browser.version();
    try {
      const prefill = clickCalls(PREFILL, 3).map((call, i) => ({ ...call, objectIDs: [`prefill-${i}`] }));
      const calls = clickCalls(20_000, 7);
      const roundMs = ctx.quick ? 300 : 700;
      const figures = [];
      let storeSize = Number.NaN;
      // Fresh pages per operation: the reference's click runs leave megabytes of garbage strings
      // behind, which would slow whatever is measured next in the same page.
      for (const op of OPS) {
        const pages = {};
        for (const name of ['sightline', 'reference']) {
          const context = await browser.newContext();
          const page = await context.newPage();
          await page.goto(`${server.url}/blank.html`);
          await page.addScriptTag({ url: `${server.url}/${name}.js` });
          await page.evaluate(setupInPage, {
            prefillMode: name === 'reference' ? 'reference-storage' : 'public-api',
            prefill,
            calls,
          });
          pages[name] = page;
        }
        const run = (name) => () => pages[name].evaluate(runInPage, { op, ms: roundMs });
        // Warm-up, not recorded: JIT, and the reference's first purge of its over-full store.
        await run('sightline')();
        await run('reference')();
        const result = await interleave(ctx.runs, run('sightline'), run('reference'));
        figures.push(
          figure({ ...base(op), sightline: result.a, reference: result.b, ratios: result.ratios }),
        );
        ctx.log(`chromium ${op}: ratio ${result.ratios.map((r) => r.toFixed(1)).join(', ')}`);
        if (op === 'clickedObjectIDsAfterSearch')
          storeSize = await pages.reference.evaluate(referenceStoreSize);
        await Promise.all(Object.values(pages).map((page) => page.context().close()));
      }
      return {
        figures,
        details: [
          `Chromium ${browser.version()}, headless. Each client is its UMD loaded in a fresh browser context, created with \`createInsightsClient(async () => true)\` and \`init\` with a user token. Before timing, the reference's localStorage['AlgoliaObjectQueryCache'] was written with ${PREFILL} entries in its own format; Sightline's store was filled through its public API (${PREFILL} \`clickedObjectIDsAfterSearch\` calls). Runs of ${roundMs} ms over 20,000 realistic click events; the reference's store held ${storeSize} entries at the end (it purges 1,000 when it passes 5,000).`,
        ],
      };
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
