// Differential tests in real Chromium: the oracle's UMD and Sightline's UMDs, each loaded with the
// loading snippet from http://127.0.0.1, run the same sequences; captured beacons, document.cookie,
// return values and callbacks must match. Two Sightline builds: the drop-in core, and the default
// (reliable) build with `deliveryMode: 'direct'` added to every init, which must then behave as
// search-insights does.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../test/helpers/chromium.js';
import { type Library, ORACLE_UMD, SIGHTLINE_UMD, servePages } from '../helpers/browser-pages.js';
import { type CaptureServer, startCaptureServer } from '../helpers/capture-server.js';
import { addedAgents, type Comparable, comparable, sameVersion } from './compare.js';
import { type LogEntry, normalizeTokens, runSteps, SEQUENCES, type Step } from './sequences.js';

let browser: Browser;
let server: CaptureServer;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startCaptureServer();
  servePages(server, 'plain');
  servePages(server, 'default', { script: { oracle: ORACLE_UMD, sightline: SIGHTLINE_UMD } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface BrowserRun {
  log: LogEntry[];
  requests: Comparable[];
  cookie: string;
  contentTypes: (string | undefined)[];
}

/**
 * Runs steps against the page's client instance (`window.AlgoliaAnalytics.default`); `direct`
 * adds `deliveryMode: 'direct'` to every init (the oracle ignores unknown options).
 */
async function runInPage(page: Page, steps: Step[], direct: boolean): Promise<LogEntry[]> {
  return page.evaluate(
    async ({ source, steps, host, direct }) => {
      const run = new Function(`return (${source})`)();
      const instance = (window as unknown as { AlgoliaAnalytics: { default: Record<string, unknown> } })
        .AlgoliaAnalytics.default;
      const aa = (name: string, ...args: unknown[]) => {
        if (direct && name === 'init' && typeof args[0] === 'object' && args[0])
          args[0] = { ...args[0], deliveryMode: 'direct' };
        return typeof instance[name] === 'function'
          ? (instance[name] as (...a: unknown[]) => unknown)(...args)
          : undefined;
      };
      return run(aa, steps, host);
    },
    { source: runSteps.toString(), steps, host: server.url, direct },
  );
}

/** Each request resolved `true` once the beacon was queued: wait until that many arrived. */
async function collect(
  context: BrowserContext,
  page: Page,
  log: LogEntry[],
  before: number,
): Promise<BrowserRun> {
  const sent = log.filter((e) => e[0] === 'call' && JSON.stringify(e[2]) === '{"resolved":true}').length;
  await server.waitFor(before + sent);
  const captured = server.requests.slice(before);
  // Beacons travel on separate connections: order by content, tokens blanked.
  const key = (text: string) => text.replace(/anonymous-[0-9a-f-]{36}/g, 'anonymous-');
  captured.sort((a, b) => key(a.text + a.rawQuery).localeCompare(key(b.text + b.rawQuery)));
  const cookie = await page.evaluate(() => document.cookie);
  await context.close();
  return { log, requests: comparable(captured), cookie, contentTypes: captured.map((r) => r.contentType) };
}

async function runSequence(
  library: Library,
  page: string,
  steps: Step[],
  direct = false,
): Promise<BrowserRun> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const before = server.requests.length;
  await tab.goto(`${server.url}/${library}-${page}.html`);
  const log = await runInPage(tab, steps, direct);
  return collect(context, tab, log, before);
}

function normalized(run: BrowserRun) {
  const seen = new Map<string, string>();
  return {
    log: normalizeTokens(sameVersion(run.log), seen),
    requests: normalizeTokens(
      run.requests.map(({ agent: _agent, ...rest }) => rest),
      seen,
    ),
    cookie: normalizeTokens(run.cookie, seen),
  };
}

const BUILDS = [
  { name: 'core UMD', page: 'plain', direct: false },
  { name: "default UMD with deliveryMode: 'direct'", page: 'default', direct: true },
];

describe.each(BUILDS)(
  'differential (Chromium): search-insights UMD vs Sightline $name',
  ({ page, direct }) => {
    for (const sequence of SEQUENCES) {
      it(sequence.name, async () => {
        const theirs = await runSequence('oracle', page, sequence.steps);
        const ours = await runSequence('sightline', page, sequence.steps, direct);
        expect(normalized(ours)).toEqual(normalized(theirs));
        // Beacons carry a string body: text/plain, no preflight.
        for (const type of ours.contentTypes) expect(type).toMatch(/^text\/plain/);
        for (const request of ours.requests) {
          expect(request.agent.slice(0, 3)).toEqual([
            'insights-js (2.18.0)',
            'insights-js-browser-umd (2.18.0)',
            'sightline (0.1.0)',
          ]);
          expect(request.agent.slice(3)).toEqual(addedAgents(sequence));
        }
      });
    }

    // The queue page loads the core build; the default build's queue replay is the same code.
    if (direct) return;
    it('replays the snippet queue in order; references captured before load keep working', async () => {
      const queued = `
      window.early = window.aa;
      aa('init', { appId: 'APP1', apiKey: 'KEY1', host: location.origin });
      aa('onUserTokenChange', function (t) { (window.tokens = window.tokens || []).push(t); }, { immediate: true });
      aa('setUserToken', 'queued-user');
      aa('clickedObjectIDs', { eventName: 'Queued', index: 'products', objectIDs: ['q1'] });
      aa('notAMethod');
      aa('getUserToken', null, function (e, t) { window.seenToken = t; });`;
      servePages(server, 'queue', { queued });
      const results = [];
      for (const library of ['oracle', 'sightline'] as const) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const before = server.requests.length;
        await page.goto(`${server.url}/${library}-queue.html`);
        const state = await page.evaluate(() => {
          const w = window as unknown as Record<string, unknown> & { early: (...a: unknown[]) => unknown };
          const ret = w.early('viewedObjectIDs', {
            eventName: 'After load',
            index: 'products',
            objectIDs: ['q2'],
          });
          return { tokens: w.tokens, seenToken: w.seenToken, ret: ret === undefined, same: w.early === w.aa };
        });
        const log: LogEntry[] = [
          ['call', 'queued click', { resolved: true }],
          ['call', 'early view', { resolved: true }],
        ];
        results.push({ state, run: await collect(context, page, log, before) });
      }
      const [theirs, ours] = results;
      expect(ours!.state).toEqual(theirs!.state);
      expect(ours!.state.tokens).toEqual([undefined, 'queued-user']);
      expect(normalized(ours!.run)).toEqual(normalized(theirs!.run));
      const names = ours!.run.requests.map(
        (r) => (r.body as { events: { eventName: string }[] }).events[0]!.eventName,
      );
      expect(names.sort()).toEqual(['After load', 'Queued']);
    });
  },
);
