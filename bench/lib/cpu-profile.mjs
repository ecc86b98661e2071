// Reads a V8 .cpuprofile and sums self time per function, so a report can name what a client
// spends its time on ("remember (dist/node.js:93) 16 %") instead of guessing.
import { readFileSync } from 'node:fs';

/**
 * @param {string} file a .cpuprofile written by `node --cpu-prof`
 * @param {(url: string) => boolean} keep which source files to list (the rest is summed as "other")
 * @returns {{ name: string, share: number }[]} biggest first
 */
export function selfTimeByFunction(file, keep) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map();
  for (const id of profile.samples) {
    const { callFrame } = nodes.get(id);
    const { url, functionName, lineNumber } = callFrame;
    let name;
    if (functionName === '(garbage collector)') name = 'garbage collection';
    else if (url && keep(url)) {
      name = `${functionName || '(anonymous)'} (${url.split('/').slice(-2).join('/')}:${lineNumber + 1})`;
    } else if (functionName === '(idle)' || functionName === '(program)') continue;
    else name = 'other (Node internals, harness)';
    totals.set(name, (totals.get(name) ?? 0) + 1);
  }
  const total = [...totals.values()].reduce((sum, n) => sum + n, 0);
  return [...totals]
    .map(([name, count]) => ({ name, share: count / total }))
    .sort((a, b) => b.share - a.share);
}
