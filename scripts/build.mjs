#!/usr/bin/env node
// Builds every package in dependency order by running its own build.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const order = [
  'packages/events',
  'packages/insights',
  'packages/dashboard',
  'examples/demo',
  'packages/collector',
];

for (const folder of order) {
  const script = join(root, folder, 'build.mjs');
  if (!existsSync(script)) continue;
  const started = Date.now();
  const result = spawnSync(process.execPath, [script], { cwd: join(root, folder), stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`[build] ${folder} failed\n`);
    process.exit(1);
  }
  process.stdout.write(`[build] ${folder} (${Date.now() - started} ms)\n`);
}
