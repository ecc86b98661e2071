import { build } from 'esbuild';
import { minify } from 'terser';
import { gzipSync } from 'node:zlib';
const stubs = {
  'remembered-queries': `export const createMemoryKeyValueStore=()=>({});export const createRememberedQueries=()=>({remember(){},recall(){},forget(){},clear(){}})`,
  'cookie-token-store': `export const createCookieTokenStore=()=>({get(){},set(){},remove(){}})`,
  'local-storage': `export const createLocalStorageStore=()=>({})`,
  'queue': `export const replayQueue=()=>{}`,
  'uuid': `export const createUUID=()=>'x'`,
  'event-building': `export const splitArguments=(p)=>({events:p});export const withType=(a,b,c)=>c;export const inferQueryIDs=e=>e;export const toPayload=e=>e`,
  'resolve-options': `export const DEFAULTS={};export const resolveOptions=(a)=>a;export const toBoolean=Boolean;export const endpointOf=a=>a.host`,
  'script-requester': `export const getScriptRequester=()=>()=>Promise.resolve(true)`,
  'command-table': `export const getFunctionalInterface=()=>()=>{}`,
};
async function size(stub) {
  const r = await build({ entryPoints: ['src/entry/umd-core.ts'], bundle: true, minify: true, format: 'esm', write: false, define: { __FLAVOR__: '"browser-umd"', __SHORT_ERRORS__: 'true' }, platform: 'browser', target: 'es2020',
    mangleProps: /^(remember|recall|forget|available|retryable|retryAfterMs|endpoint|params|maxEntries|maxAgeMs|persist|tokenStore|queryStore|rememberedQueries|delivery|flavor|requestFn|additionalParams|callback)$/,
    plugins: stub ? [{ name: 's', setup(b) { b.onLoad({ filter: new RegExp(stub + '\\.ts$') }, () => ({ contents: stubs[stub], loader: 'js' })); } }] : [] });
  const { code } = await minify(r.outputFiles[0].text, { ecma: 2020, module: true, compress: { passes: 3, unsafe: true, unsafe_arrows: true, pure_getters: true, inline: 1 } });
  return gzipSync(code, { level: 9 }).length;
}
const base = await size();
console.log('base', base);
for (const k of Object.keys(stubs)) console.log(k, base - await size(k));
