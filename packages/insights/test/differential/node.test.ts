// Differential tests in Node: every sequence runs through search-insights 2.17.3 and Sightline
// against one real HTTP server; requests, return values and callbacks must match.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInsightsClient, getRequesterForNode } from '../../src/entry/node.js';
import { type CaptureServer, startCaptureServer } from '../helpers/capture-server.js';
import { addedAgents, comparable, normalizeRun, type Run } from './compare.js';
import { runSteps, SEQUENCES, type Sequence } from './sequences.js';

const require = createRequire(import.meta.url);
const oracle = require('search-insights') as { createInsightsClient: typeof createInsightsClient };

// search-insights' own Node transport cannot reach a host with a port (it passes "host:port" as a
// host name), so the oracle posts through fetch; Sightline uses its real Node transport.
const oracleRequestFn = (url: string, data: object) =>
  fetch(url, {
    method: 'POST',
    body: JSON.stringify(data),
    headers: { 'Content-Type': 'application/json' },
  }).then((response) => response.status === 200);

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());

async function run(make: () => unknown, sequence: Sequence): Promise<Run> {
  server.requests.length = 0;
  const log = await runSteps(
    make() as (name: string, ...args: unknown[]) => unknown,
    sequence.steps,
    server.url,
  );
  return { log, requests: comparable(server.requests) };
}

// The oracle reaches for `document` here and throws in Node; hostile-environments.test.ts covers it.
const NODE_EXCLUDED = new Set(['useCookie after an in-memory anonymous token saves it']);

describe('differential (Node): search-insights vs Sightline', () => {
  for (const sequence of SEQUENCES.filter((s) => !s.browserOnly && !NODE_EXCLUDED.has(s.name))) {
    it(sequence.name, async () => {
      const theirs = await run(() => oracle.createInsightsClient(oracleRequestFn), sequence);
      const ours = await run(() => createInsightsClient(getRequesterForNode()), sequence);
      expect(normalizeRun(ours)).toEqual(normalizeRun(theirs));
      // Agents: ours names Sightline and keeps agents added before a later init.
      for (const [i, request] of ours.requests.entries()) {
        expect(request.agent.slice(0, 3)).toEqual([
          'insights-js (2.18.0)',
          'insights-js-node-esm (2.18.0)',
          'sightline (0.1.0)',
        ]);
        expect(request.agent.slice(3)).toEqual(addedAgents(sequence));
        const oracleExtras = theirs.requests[i]!.agent.slice(2);
        for (const agent of oracleExtras) expect(request.agent).toContain(agent);
      }
    });
  }

  it('covers the 13 event methods and sendEvents', () => {
    const calls = new Set(SEQUENCES.flatMap((s) => s.steps.map((step) => step.call)));
    for (const method of [
      'clickedObjectIDsAfterSearch',
      'clickedObjectIDs',
      'clickedFilters',
      'convertedObjectIDsAfterSearch',
      'convertedObjectIDs',
      'convertedFilters',
      'addedToCartObjectIDsAfterSearch',
      'addedToCartObjectIDs',
      'purchasedObjectIDsAfterSearch',
      'purchasedObjectIDs',
      'viewedObjectIDs',
      'viewedFilters',
      'sendEvents',
    ]) {
      expect(calls).toContain(method);
    }
  });
});
