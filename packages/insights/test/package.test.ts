// The built package, by name: export conditions, ESM import and CJS require in child processes,
// publint, and the browser build in a hostile environment (Node: no document, storage or beacon).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaptureServer, startCaptureServer } from './helpers/capture-server.js';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(packageDir, '../..');
const NAMED = [
  'createInsightsClient',
  'AlgoliaAnalytics',
  'LocalStorage',
  'getFunctionalInterface',
  'processQueue',
];

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());

async function node(code: string, type: 'module' | 'commonjs', conditions: string[] = []) {
  const args = [
    ...conditions.map((c) => `--conditions=${c}`),
    type === 'module' ? '--input-type=module' : '--input-type=commonjs',
    '-e',
    code,
  ];
  const { stdout } = await run(process.execPath, args, {
    cwd: root,
    env: { ...process.env, CAPTURE: server.url },
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

const probe = (load: string, requester: string) => `${load}
const aa = lib.default ?? lib;
console.log(JSON.stringify({
  type: typeof aa, version: aa.version, requester: typeof lib.${requester},
  named: ${JSON.stringify(NAMED)}.filter((n) => typeof lib[n] !== 'function'),
  agent: (() => { let url; const c = lib.createInsightsClient((u) => { url = u; return Promise.resolve(true); });
    c('init', { appId: 'a', apiKey: 'k', host: 'http://h' }); c('clickedObjectIDs', { eventName: 'e', index: 'i', objectIDs: ['o'] });
    return decodeURIComponent(new URL(url).searchParams.get('X-Algolia-Agent')); })(),
}));`;

describe('@sightline/insights, built, by name', () => {
  it('Node ESM import', async () => {
    const out = await node(
      probe("import * as lib from '@sightline/insights';", 'getRequesterForNode'),
      'module',
    );
    expect(out).toEqual({
      type: 'function',
      version: '2.18.0',
      requester: 'function',
      named: [],
      agent: 'insights-js (2.18.0); insights-js-node-esm (2.18.0); sightline (0.1.0)',
    });
  });

  it('Node CJS require returns the aa function, named exports attached', async () => {
    const out = await node(
      `${probe("const lib = require('@sightline/insights');", 'getRequesterForNode')}
       if (typeof require('@sightline/insights') !== 'function') process.exit(3);`,
      'commonjs',
    );
    expect(out).toMatchObject({
      type: 'function',
      named: [],
      agent: expect.stringContaining('insights-js-node-cjs'),
    });
  });

  it('browser condition: ESM and CJS browser builds', async () => {
    const esm = await node(
      probe("import * as lib from '@sightline/insights';", 'getRequesterForBrowser'),
      'module',
      ['browser'],
    );
    expect(esm).toMatchObject({
      type: 'function',
      requester: 'function',
      named: [],
      agent: expect.stringContaining('browser-esm'),
    });
    const cjs = await node(
      probe("const lib = require('@sightline/insights');", 'getRequesterForBrowser'),
      'commonjs',
      ['browser'],
    );
    expect(cjs).toMatchObject({ type: 'function', agent: expect.stringContaining('browser-cjs') });
  });

  it('the browser build survives Node (no document, localStorage, sendBeacon, XHR or page events) and sends with fetch', async () => {
    const out = await node(
      `import aa from '@sightline/insights';
       aa('init', { appId: 'a', apiKey: 'k', host: process.env.CAPTURE, useCookie: true });
       aa('setAnonymousUserToken');
       const before = aa('getUserToken');
       const sent = await aa('clickedObjectIDsAfterSearch', { eventName: 'e', index: 'i', queryID: '0123456789abcdef0123456789abcdef', objectIDs: ['o'], positions: [1] });
       const inferred = await aa('purchasedObjectIDs', { eventName: 'p', index: 'i', objectIDs: ['o'] }, { inferQueryID: true });
       console.log(JSON.stringify({ before: before ?? null, sent, inferred, after: String(aa('getUserToken')).slice(0, 10) }));`,
      'module',
      ['browser'],
    );
    expect(out).toEqual({ before: null, sent: true, inferred: true, after: 'anonymous-' });
    const last = server.requests.at(-1)!;
    // The default `aa` delivers reliably: a CORS-simple fetch body, events stamped for deduplication.
    expect(last.contentType).toBe('text/plain;charset=UTF-8');
    expect(last.body).toMatchObject({
      events: [{ eventName: 'p', objectIDsWithInferredQueryID: ['o'], eventID: expect.any(String) }],
    });
  });

  it('importing the ESM entries has no side effects on globalThis', async () => {
    const out = await node(
      `globalThis.window = globalThis; const before = Object.keys(globalThis).length;
       const lib = await import('@sightline/insights');
       const afterImport = Object.keys(globalThis).length === before && !('AlgoliaAnalyticsObject' in globalThis);
       lib.default('getVersion');
       console.log(JSON.stringify({ afterImport, afterCall: typeof globalThis[globalThis.AlgoliaAnalyticsObject] }));`,
      'module',
      ['browser'],
    );
    expect(out).toEqual({ afterImport: true, afterCall: 'function' });
  });

  it('publint finds nothing to fix', async () => {
    const { stdout } = await run(
      process.execPath,
      [join(root, 'node_modules/publint/src/cli.js'), packageDir, '--strict'],
      {
        cwd: root,
      },
    );
    expect(stdout).not.toMatch(/warning|error|suggestion/i);
  });

  it('types sit inside each export condition', () => {
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    expect(pkg.exports['.'].types).toBeUndefined();
    for (const condition of ['browser', 'node']) {
      for (const kind of ['import', 'require'])
        expect(pkg.exports['.'][condition][kind].types).toMatch(/\.d\.c?ts$/);
    }
  });
});
