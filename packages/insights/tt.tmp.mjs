import { minify } from 'terser';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const code = readFileSync(process.argv[2], 'utf8');
const r = await minify(code, { ecma: 2020, compress: { passes: 3, unsafe: true, unsafe_arrows: true, pure_getters: true, unsafe_methods: true }, mangle: true, format: { comments: false } });
console.log(r.code.length, gzipSync(r.code, { level: 9 }).length);
