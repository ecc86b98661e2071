// 2a. Client CPU in Node: aa() event calls per second with a no-op transport, both clients in one
// child process, interleaved. Target: ≥ 5× the reference for clickedObjectIDsAfterSearch.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { selfTimeByFunction } from '../lib/cpu-profile.mjs';
import { figure, unmeasured } from '../lib/figures.mjs';
import { BENCH, locateReference, locateSightline, RAW } from '../lib/locate.mjs';
import { forkNode, nextMessage } from '../lib/processes.mjs';

const OPS = ['clickedObjectIDsAfterSearch', 'viewedObjectIDs'];

export default {
  name: 'cpu-node',
  title: 'Client CPU in Node',
  async run(ctx) {
    const reference = locateReference();
    const sightline = locateSightline();
    const base = (op) => ({
      id: `cpu.node.${op}`,
      label: `aa('${op}') calls/s`,
      unit: 'calls/s',
      better: 'higher',
      referenceLabel: `search-insights ${reference.version} (Node entry)`,
      target:
        op === 'clickedObjectIDsAfterSearch'
          ? {
              on: 'ratio',
              op: '>=',
              value: 5,
              text: '≥ 5×',
              // Measured alone on one core (2026-12): Sightline ≈ 0.45–0.5 µs per call, search-insights ≈ 2.4 µs.
              limit:
                "per call, both clients copy the event with its tokens (≈ 0.08 µs in V8) and hand requestFn its promise; Sightline also remembers the click in memory (≈ 0.06 µs: two Map lookups and a linked age order, one clock read per task), where the reference keeps no store in Node (no localStorage), and returns requestFn's promise as is (an async send cost ≈ 0.13 µs more). Total ≈ 0.45–0.5 µs per call against ≈ 2.4 µs",
            }
          : undefined,
    });
    if (!sightline.nodeEsm) {
      return {
        figures: OPS.map((op) =>
          unmeasured(base(op), 'no Node build of @sightline/insights (packages/insights/dist) yet'),
        ),
      };
    }
    const roundMs = ctx.quick ? 200 : 600;
    const child = forkNode(join(BENCH, 'processes/client-cpu-node.mjs'), [
      JSON.stringify({ roundMs, rounds: ctx.runs, ops: OPS, sightlineSpecifier: sightline.specifier }),
    ]);
    const result = await nextMessage(child, 'result', 300_000);
    const figures = OPS.map((op) => figure({ ...base(op), ...result.ops[op] }));
    const details = [];
    const missed = figures.find((f) => f.status === 'missed');
    if (missed) {
      // Where Sightline's time goes, so the report names the limit instead of guessing.
      const top = await profile(sightline.specifier, 'clickedObjectIDsAfterSearch', ctx.quick ? 1000 : 2000);
      const listed = top.slice(0, 8).map((row) => `${row.name} ${Math.round(row.share * 100)} %`);
      missed.target = {
        ...missed.target,
        limit: `${missed.target.limit}. Sightline's self time (CPU profile): ${listed.join('; ')}`,
      };
      details.push(
        '',
        'Where Sightline spends its time in `clickedObjectIDsAfterSearch` (V8 CPU profile after warm-up, self time; client code by function, anonymous ones by their source line):',
        '',
        '| function | share |',
        '|---|---:|',
        ...top.slice(0, 12).map((row) => `| ${row.name} | ${(row.share * 100).toFixed(1)} % |`),
      );
    }
    return {
      figures,
      details: [
        `Each run calls \`aa(name, event)\` for ${roundMs} ms over a pool of 20,000 realistic events (one objectID each), yielding to the event loop every 500 calls; both clients were first given 5,000 clicks (the reference keeps no remembered-query store in Node: it has no localStorage there).`,
        ...details,
      ],
    };
  },
};

/** Profiles one client's calls (V8 profiler, after warm-up) and sums self time per function. */
async function profile(specifier, op, ms) {
  const dir = join(RAW, 'profiles');
  mkdirSync(dir, { recursive: true });
  const output = join(dir, `cpu-node-${Date.now()}.cpuprofile`);
  const child = forkNode(join(BENCH, 'processes/client-profile.mjs'), [specifier, op, String(ms), output]);
  await new Promise((resolve) => child.once('exit', resolve));
  if (!existsSync(output)) return [];
  const rows = selfTimeByFunction(output, (url) => !url.includes('/bench/') && !url.startsWith('node:'));
  rmSync(output, { force: true });
  return rows;
}
