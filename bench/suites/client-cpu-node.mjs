// 2a. Client CPU in Node: aa() event calls per second with a no-op transport, both clients in one
// child process, interleaved. Target: ≥ 5× the reference for clickedObjectIDsAfterSearch.
import { join } from 'node:path';
import { figure, unmeasured } from '../lib/figures.mjs';
import { BENCH, locateReference, locateSightline } from '../lib/locate.mjs';
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
              limit:
                'both clients run the same per-call work the API requires (build the event, fill the token, encode, hand to the transport); the remaining gap is in that shared work',
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
    return {
      figures: OPS.map((op) => figure({ ...base(op), ...result.ops[op] })),
      details: [
        `Each run calls \`aa(name, event)\` for ${roundMs} ms over a pool of 20,000 realistic events (one objectID each), yielding to the event loop every 500 calls; both clients were first given 5,000 clicks (the reference keeps no remembered-query store in Node: it has no localStorage there).`,
      ],
    };
  },
};
