import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { minify } from 'terser';

const stubs = {
  outbox: `export const createOutbox=()=>({load:()=>[],save(){},clear(){}})`,
  'reliable-delivery': `export const createReliableDelivery=()=>Object.assign(()=>{}, {flush(){},clear(){},resend(){}})`,
  'split-batches': `export const splitBatches=(e)=>[e]`,
  'retry-policy': `export const nextRetry=()=>{};export const RETRY_DEFAULTS={}`,
  'keepalive-fetch': `export const keepaliveFetchTransport=(f)=>f`,
  'send-beacon': `export const beaconTransport=()=>()=>{}`,
  facts: `export const factsOf=()=>({});export const parseRetryAfter=()=>{};export const DEFAULT_TIMEOUT_MS=1`,
};
async function size(stub) {
  const r = await build({
    entryPoints: ['src/entry/umd.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    define: { __FLAVOR__: '"browser-umd"', __SHORT_ERRORS__: 'true' },
    platform: 'browser',
    target: 'es2020',
    mangleProps:
      /^(remember|recall|forget|available|retryable|retryAfterMs|endpoint|params|maxEntries|maxAgeMs|persist|tokenStore|queryStore|rememberedQueries|delivery|flavor|requestFn|additionalParams|callback|flush|resend|outbox|transport|validate|stampEvents|maxAttempts|maxRetryMs|baseDelayMs|maxDelayMs|flushIntervalMs|maxEvents|maxChars|store|url|load|save)$/,
    plugins: stub
      ? [
          {
            name: 's',
            setup(b) {
              b.onLoad({ filter: new RegExp('/' + stub + '\\.ts$') }, () => ({
                contents: stubs[stub],
                loader: 'js',
              }));
            },
          },
        ]
      : [],
  });
  const { code } = await minify(r.outputFiles[0].text, {
    ecma: 2020,
    module: true,
    compress: { passes: 3, unsafe: true, unsafe_arrows: true, pure_getters: true, inline: 1 },
  });
  return gzipSync(code, { level: 9 }).length;
}
const base = await size();
console.log('base', base);
for (const k of Object.keys(stubs)) console.log(k, base - (await size(k)));
