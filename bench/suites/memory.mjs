// 6. Memory: (a) the collector's RSS under sustained ingest load next to the ceiling server's, in
// interleaved segments on long-lived processes (so growth across segments shows); (b) the
// client's heap growth over 1 M events in Node against the reference's, one fresh process each.
import { join } from 'node:path';
import { figure, unmeasured } from '../lib/figures.mjs';
import { BENCH, locateSightline } from '../lib/locate.mjs';
import { forkNode, nextMessage, rssBytes } from '../lib/processes.mjs';
import { startCeilingProcess, startCollectorProcess, startLoadGenerator } from '../lib/server-rig.mjs';
import { interleave, median } from '../lib/stats.mjs';

const MB = 1024 * 1024;
const SIZE = 100;
/** Time after which the client-heap part stops at 3 rounds instead of ctx.runs. */
const HEAP_BUDGET_MS = 60_000;

async function serverRss(ctx) {
  const segmentMs = ctx.quick ? 2000 : 3000;
  const ceiling = await startCeilingProcess();
  const load = await startLoadGenerator();
  let collector;
  try {
    collector = await startCollectorProcess();
    await load.prepare(SIZE, 13);
    const idle = { collector: rssBytes(collector.pid), ceiling: rssBytes(ceiling.pid) };
    const segments = { collector: [], ceiling: [] };
    const segment = (target, name) => async () => {
      let peak = rssBytes(target.pid);
      const timer = setInterval(() => {
        peak = Math.max(peak, rssBytes(target.pid));
      }, 100);
      const result = await load.run({
        url: target.ingestUrl,
        serverPid: target.pid,
        size: SIZE,
        seed: 13,
        connections: 32,
        warmupMs: 0,
        durationMs: segmentMs,
        maxRequests: 1_000_000,
      });
      clearInterval(timer);
      segments[name].push({ peak, end: rssBytes(target.pid), events: result.events });
      return peak / MB;
    };
    const rounds = await interleave(ctx.runs, segment(collector, 'collector'), segment(ceiling, 'ceiling'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = { collector: rssBytes(collector.pid), ceiling: rssBytes(ceiling.pid) };
    const stored = segments.collector.reduce((sum, s) => sum + s.events, 0);
    return {
      figure: figure({
        id: 'memory.collectorRss',
        label: `server RSS peak under sustained load (${SIZE} events/request, 32 connections)`,
        unit: 'MB',
        better: 'lower',
        sightline: rounds.a,
        reference: rounds.b,
        ratios: rounds.ratios,
        referenceLabel: 'ceiling server',
      }),
      details: [
        `Server RSS (VmRSS from /proc): ${ctx.runs} interleaved segments of ${segmentMs / 1000} s of load per server, on the same long-lived processes; ${stored.toLocaleString('en-US')} events accepted by the collector over all segments.`,
        '',
        '| server | idle before | peak per segment | 1 s after the last segment |',
        '|---|---:|---|---:|',
        `| collector | ${(idle.collector / MB).toFixed(1)} MB | ${segments.collector.map((s) => (s.peak / MB).toFixed(1)).join(' → ')} MB | ${(after.collector / MB).toFixed(1)} MB |`,
        `| ceiling | ${(idle.ceiling / MB).toFixed(1)} MB | ${segments.ceiling.map((s) => (s.peak / MB).toFixed(1)).join(' → ')} MB | ${(after.ceiling / MB).toFixed(1)} MB |`,
      ],
    };
  } finally {
    await Promise.all([ceiling.stop(), load.stop(), collector?.stop()]);
  }
}

async function clientHeap(ctx) {
  const events = ctx.quick ? 200_000 : 1_000_000;
  const sightline = locateSightline();
  const base = {
    id: 'memory.clientHeapGrowth',
    label: `client heap growth over ${events.toLocaleString('en-US')} events (Node, after GC)`,
    unit: 'MB',
    better: 'lower',
    referenceLabel: 'search-insights (Node entry)',
  };
  if (!sightline.nodeEsm)
    return { figure: unmeasured(base, 'no Node build of @sightline/insights yet'), details: [] };
  const measure = async (specifier) => {
    const child = forkNode(
      join(BENCH, 'processes/client-heap.mjs'),
      [specifier, String(events)],
      ['--expose-gc'],
    );
    return nextMessage(child, 'result', 600_000);
  };
  // Heap size does not depend on speed, so both clients of a round run at the same time, one
  // process each (on 2 cores this halves the suite's time).
  // A slow client makes 1 M calls take minutes; past the time budget the suite stops at 3 rounds
  // (heap size is a count, not a timing: its runs hardly differ) and says so.
  const seen = { sightline: [], reference: [] };
  const started = Date.now();
  for (let round = 0; round < ctx.runs; round++) {
    const [own, ref] = await Promise.all([measure(sightline.specifier), measure('search-insights')]);
    seen.sightline.push(own);
    seen.reference.push(ref);
    if (round === 2 && round + 1 < ctx.runs && Date.now() - started > HEAP_BUDGET_MS) {
      ctx.note(
        `client heap: stopped after 3 rounds, over the suite's ${HEAP_BUDGET_MS / 1000} s budget for this part.`,
      );
      break;
    }
  }
  const rounds = {
    a: seen.sightline.map((r) => r.growth / MB),
    b: seen.reference.map((r) => r.growth / MB),
  };
  const row = (name, runs) =>
    `| ${name} | ${(median(runs.map((r) => r.before)) / MB).toFixed(2)} MB | ${(median(runs.map((r) => r.after)) / MB).toFixed(2)} MB | ${runs.map((r) => (r.growth / MB).toFixed(2)).join(', ')} MB | ${(median(runs.map((r) => r.rss)) / MB).toFixed(0)} MB | ${median(runs.map((r) => r.seconds)).toFixed(1)} s |`;
  return {
    // Differences of a few hundred kB are GC noise; the ratio of two near-zero growths means
    // little, so the figure shows both values and the ratio only for the record.
    figure: figure({ ...base, sightline: rounds.a, reference: rounds.b }),
    details: [
      `Client heap: each run is a fresh \`node --expose-gc\` process (the two clients of a round side by side); \`heapUsed\` after two full GCs, before and after ${events.toLocaleString('en-US')} \`aa('clickedObjectIDsAfterSearch')\` calls (50,000 distinct realistic events, cycled) with a no-op transport. The reference keeps no remembered-query store in Node (no localStorage there), so its growth is its floor; Sightline's in-memory store is bounded.`,
      '',
      '| client | heap before | heap after | growth per run | RSS at end | time |',
      '|---|---:|---:|---|---:|---:|',
      row('Sightline', seen.sightline),
      row('search-insights', seen.reference),
    ],
  };
}

export default {
  name: 'memory',
  title: 'Memory',
  async run(ctx) {
    const server = await serverRss(ctx).catch((error) => ({ error }));
    const client = await clientHeap(ctx).catch((error) => ({ error }));
    const figures = [];
    const details = [];
    for (const part of [server, client]) {
      if (part.error) ctx.note(`failed: ${part.error.message}`);
      else {
        figures.push(part.figure);
        details.push(...part.details, '');
      }
    }
    return { figures, details };
  },
};
