// 1. Bundle size: gzip (level 9) and brotli (quality 11) of every browser build, next to the
// reference's build of the same kind; what a bundler ships for `import aa from …`; and what each
// feature costs, from tiny entries built with esbuild that import only some of the client's modules.
// Sizes are deterministic, so each is measured once (a median of identical runs adds nothing).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { figure, unmeasured } from '../lib/figures.mjs';
import { locateReference, locateSightline, ROOT, rel } from '../lib/locate.mjs';

/** The budgets of issue #7, in bytes (1 kB = 1,000 B). */
const UMD_BUDGET = 3800;
const CORE_BUDGET = 3000;

const gzip = (buffer) => gzipSync(buffer, { level: 9 }).length;
const brotli = (buffer) =>
  brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/**
 * Feature chains: each step adds one feature's modules to the previous step's entry. For the
 * reference, features its core already contains are marked `inCore` (nothing to add).
 */
const SIGHTLINE_CHAIN = [
  {
    id: 'core',
    label: 'core client: commands, event building, tokens, remembered queries (memory), `aa` interface',
    code: `import { createClient } from './core/create-client.js';
import { getFunctionalInterface } from './core/command-table.js';
window.__core = (requestFn) => getFunctionalInterface(createClient({ requestFn }));`,
  },
  {
    id: 'transport',
    label: 'browser transports (sendBeacon → XHR → fetch)',
    code: `import { getRequesterForBrowser } from './transport/browser-requester.js';
window.__transport = getRequesterForBrowser;`,
  },
  {
    id: 'cookie',
    label: '`_ALGOLIA` cookie token store',
    code: `import { createCookieTokenStore } from './storage/cookie-token-store.js';
window.__cookie = createCookieTokenStore;`,
  },
  {
    id: 'local-storage',
    label: 'localStorage remembered-query store',
    code: `import { createLocalStorageStore } from './storage/local-storage.js';
window.__storage = createLocalStorageStore;`,
  },
  {
    id: 'queue',
    label: 'loading-snippet queue',
    code: `import { replayQueue } from './core/queue.js';
window.__queue = replayQueue;`,
  },
  // Everything after the queue is beyond search-insights: the drop-in core ends above.
  {
    id: 'delivery',
    label: 'reliable delivery: batching, retries with backoff, outbox, keepalive fetch',
    code: `import { createReliableBrowserClient } from './entry/reliable-browser-client.js';
window.__delivery = createReliableBrowserClient;`,
    extra: true,
  },
];

const REFERENCE_CHAIN = {
  core: `import AlgoliaAnalytics from './insights';
import { getFunctionalInterface } from './_getFunctionalInterface';
window.__core = (requestFn) => getFunctionalInterface(new AlgoliaAnalytics({ requestFn }));`,
  transport: `import { getRequesterForBrowser } from './utils/getRequesterForBrowser';
window.__transport = getRequesterForBrowser;`,
  cookie: null,
  'local-storage': null,
  queue: `import { processQueue } from './_processQueue';
window.__queue = processQueue;`,
  delivery: undefined,
};

/** esbuild, minified IIFE for browsers; same settings for both clients. */
async function bundle(code, resolveDir, extra = {}) {
  const result = await build({
    stdin: { contents: code, resolveDir, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    define: { __FLAVOR__: '"browser-umd"' },
    // search-insights' lib/ mixes its Node requester into the same file; its own browser build
    // drops it, and so does tree-shaking here once these never resolve.
    external: ['http', 'https', 'url'],
    absWorkingDir: ROOT,
    ...extra,
  });
  return { bytes: Buffer.from(result.outputFiles[0].contents), metafile: result.metafile };
}

async function chainSizes(steps, resolveDir) {
  const out = [];
  let code = '';
  let previous = 0;
  for (const step of steps) {
    if (step.code === null || step.code === undefined) {
      out.push({ id: step.id, inCore: step.code === null, absent: step.code === undefined });
      continue;
    }
    code += `${step.code}\n`;
    try {
      const { bytes } = await bundle(code, resolveDir);
      const size = gzip(bytes);
      out.push({ id: step.id, gzip: size, delta: size - previous, minified: bytes.length });
      previous = size;
    } catch (error) {
      code = code.slice(0, code.length - step.code.length - 1);
      out.push({ id: step.id, error: String(error.message ?? error).split('\n')[0] });
    }
  }
  return out;
}

/** Minified bytes each source module contributes to a build of `entry` (from esbuild's metafile). */
async function moduleBreakdown(entry, resolveDir) {
  const { metafile } = await bundle(`import * as all from '${entry}'; window.__all = all;`, resolveDir, {
    metafile: true,
  });
  const output = Object.values(metafile.outputs)[0];
  return Object.entries(output.inputs)
    .map(([file, info]) => ({ file: file.replace(/^node_modules\//, ''), bytes: info.bytesInOutput }))
    .filter((row) => row.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

async function appBundle(specifier) {
  const { bytes } = await bundle(
    `import aa from '${specifier}';
aa('init', { appId: 'APP', apiKey: 'KEY' });
aa('clickedObjectIDsAfterSearch', { eventName: 'Product Clicked', index: 'demo_products', queryID: 'q', objectIDs: ['1'], positions: [1] });`,
    ROOT,
    // As an app would resolve it: package exports, not the repository's tsconfig paths.
    { format: 'esm', tsconfigRaw: '{}' },
  );
  return bytes;
}

export default {
  name: 'bundle',
  title: 'Bundle size',
  async run(ctx) {
    const reference = locateReference();
    const sightline = locateSightline();
    const figures = [];
    const details = [];
    const pairs = [
      ['umd', 'default UMD (`<script>`)', 'umd', UMD_BUDGET],
      ['iife', 'IIFE (`<script>`, no AMD)', 'iife'],
      ['browserEsm', 'browser ESM (dist file)', 'browserEsm'],
      ['browserCjs', 'browser CJS (dist file)', 'browserCjs'],
      ['coreUmd', 'drop-in core UMD (one request per call)', 'coreUmd', CORE_BUDGET],
    ];
    const sizeRows = [];
    for (const [key, label, id, budget] of pairs) {
      // The reference has no separate core build: its UMD is its drop-in core.
      const refKey = key === 'coreUmd' ? 'umd' : key;
      const refBytes = reference[refKey] ? readFileSync(reference[refKey]) : undefined;
      const ownBytes = sightline[key] ? readFileSync(sightline[key]) : undefined;
      for (const [codec, measure] of [
        ['gzip', gzip],
        ['brotli', brotli],
      ]) {
        const base = {
          id: `bundle.${id}.${codec}`,
          label: `${label}, ${codec}`,
          unit: 'B',
          better: 'lower',
          referenceLabel: reference[refKey]
            ? rel(reference[refKey]).replace('node_modules/search-insights/', '')
            : 'none',
          target:
            budget && codec === 'gzip'
              ? { on: 'value', op: '<=', value: budget, text: `≤ ${budget / 1000} kB` }
              : undefined,
        };
        if (!ownBytes || !refBytes) {
          figures.push(
            unmeasured(
              { ...base, reference: refBytes ? [measure(refBytes)] : [] },
              `no ${label} build found`,
            ),
          );
          continue;
        }
        figures.push(figure({ ...base, sightline: [measure(ownBytes)], reference: [measure(refBytes)] }));
      }
      sizeRows.push(
        `| ${label} | ${ownBytes ? `${rel(sightline[key])}: ${ownBytes.length} / ${gzip(ownBytes)} / ${brotli(ownBytes)}` : '—'} | ${refBytes ? `${rel(reference[refKey]).replace('node_modules/', '')}: ${refBytes.length} / ${gzip(refBytes)} / ${brotli(refBytes)}` : '—'} |`,
      );
    }

    // What a bundler ships for `import aa from …` (browser conditions, minified, tree-shaken).
    try {
      const own = await appBundle(sightline.specifier);
      const ref = await appBundle('search-insights');
      figures.push(
        figure({
          id: 'bundle.app.gzip',
          label: '`import aa from …` in an app, esbuild-minified, gzip',
          unit: 'B',
          better: 'lower',
          referenceLabel: 'search-insights (browser ESM)',
          sightline: [gzip(own)],
          reference: [gzip(ref)],
        }),
      );
    } catch (error) {
      ctx.note(`app-bundle figure not measured: ${String(error.message).split('\n')[0]}`);
    }

    // What each feature costs: cumulative entries, gzip delta of each added feature.
    const canChain = sightline.src !== undefined;
    const own = canChain ? await chainSizes(SIGHTLINE_CHAIN, sightline.src) : [];
    const ref = await chainSizes(
      SIGHTLINE_CHAIN.map((step) => ({ id: step.id, code: REFERENCE_CHAIN[step.id] })),
      join(reference.dir, 'lib'),
    );
    const coreSteps = SIGHTLINE_CHAIN.filter((step) => !step.extra).length;
    const lastOwn = [...own].reverse().find((step) => step.gzip);
    const coreOwn = [...own.slice(0, coreSteps)].reverse().find((step) => step.gzip);
    const lastRef = [...ref.slice(0, coreSteps)].reverse().find((step) => step.gzip);
    const coreBase = {
      id: 'bundle.dropInCoreChain.gzip',
      label: 'drop-in core from source (client + transports + cookie + localStorage + snippet queue), gzip',
      unit: 'B',
      better: 'lower',
      referenceLabel: 'search-insights lib/, same esbuild settings',
      // The budget applies to the shipped core build when there is one, else to this.
      target: sightline.coreUmd
        ? undefined
        : { on: 'value', op: '<=', value: CORE_BUDGET, text: `≤ ${CORE_BUDGET / 1000} kB` },
    };
    if (coreOwn && own.slice(0, coreSteps).every((step) => !step.error)) {
      figures.push(
        figure({ ...coreBase, sightline: [coreOwn.gzip], reference: [lastRef?.gzip ?? Number.NaN] }),
      );
    } else {
      figures.push(
        unmeasured(
          { ...coreBase, reference: lastRef ? [lastRef.gzip] : [] },
          own.find((step) => step.error)?.error ?? 'no Sightline source to build from',
        ),
      );
    }
    const umdOwn = sightline.umd ? gzip(readFileSync(sightline.umd)) : undefined;
    const umdRef = gzip(readFileSync(reference.umd));
    const cell = (step) => {
      if (!step) return '—';
      if (step.inCore) return 'in core';
      if (step.absent) return 'not offered';
      if (step.error) return `build failed: ${step.error}`;
      return `+${step.delta} (${step.gzip})`;
    };
    const signed = (n) => `${n >= 0 ? '+' : ''}${n}`;
    const featureRows = SIGHTLINE_CHAIN.map(
      (step, i) => `| ${step.label} | ${cell(own[i])} | ${cell(ref[i])} |`,
    );
    featureRows.push(
      `| shipped default UMD, against the row above (wrapper and exports; negative: the UMD leaves out modules of this chain, e.g. a transport) | ${umdOwn && lastOwn ? `${signed(umdOwn - lastOwn.gzip)} (${umdOwn})` : '—'} | ${lastRef ? `${signed(umdRef - lastRef.gzip)} (${umdRef}, rollup + terser, ES5)` : '—'} |`,
    );

    // Where the minified bytes go, module by module (not gzip: gzip does not add up).
    const breakdown = canChain ? await moduleBreakdown('./entry/umd.ts', sightline.src).catch(() => []) : [];
    const refBreakdown = await moduleBreakdown('./entry-umd.ts', join(reference.dir, 'lib')).catch(() => []);

    // What the budgets are up against, from the chain and the per-module breakdown.
    const coreBreakdown = canChain
      ? await moduleBreakdown('./entry/umd-core.ts', sightline.src).catch(() => [])
      : [];
    const biggest = (rows) =>
      rows
        .filter((row) => !row.file.includes('bench-entry'))
        .slice(0, 4)
        .map((row) => `${row.file.split('/').slice(-2).join('/')} ${row.bytes} B`)
        .join(', ');
    const stepsText = (steps) =>
      steps
        .filter((step) => step.gzip)
        .map((step) => `${step.id} +${step.delta}`)
        .join(', ');
    for (const f of figures) {
      if (f.status !== 'missed') continue;
      const core = f.id.startsWith('bundle.coreUmd') || f.id.startsWith('bundle.dropInCore');
      const rows = core && coreBreakdown.length ? coreBreakdown : breakdown;
      f.target = {
        ...f.target,
        limit: `gzip bytes per feature (Sightline, from source): ${stepsText(core ? own.slice(0, coreSteps) : own)}; the reference's core alone is ${ref[0]?.gzip ?? '?'} B. Largest modules, minified: ${biggest(rows)}`,
      };
    }
    details.push(
      'Sizes in bytes: raw / gzip (level 9) / brotli (quality 11), node:zlib.',
      '',
      '| build | Sightline | reference |',
      '|---|---|---|',
      ...sizeRows,
      '',
      '### What each feature costs (gzip bytes added; total in parentheses)',
      '',
      'Each row adds one feature to the entry of the row above, built with esbuild (minified IIFE, es2020, same settings for both clients, from `packages/insights/src` and from `search-insights/lib`). "in core" = the reference cannot leave it out; "not offered" = the reference has no such feature. The rows up to the snippet queue are the drop-in core.',
      '',
      '| feature | Sightline | reference |',
      '|---|---:|---:|',
      ...featureRows,
    );
    if (breakdown.length || refBreakdown.length) {
      details.push(
        '',
        '### Minified bytes per module in the UMD entry (esbuild metafile)',
        '',
        '| Sightline module | bytes | reference module | bytes |',
        '|---|---:|---|---:|',
        ...Array.from({ length: Math.max(breakdown.length, refBreakdown.length) }, (_, i) => {
          const a = breakdown[i];
          const b = refBreakdown[i];
          return `| ${a ? `\`${a.file}\`` : ''} | ${a?.bytes ?? ''} | ${b ? `\`${b.file}\`` : ''} | ${b?.bytes ?? ''} |`;
        }),
      );
    }
    return { figures, details, raw: { chains: { sightline: own, reference: ref }, breakdown, refBreakdown } };
  },
};
