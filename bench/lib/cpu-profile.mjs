// Reads a V8 .cpuprofile and sums self time per function, so a report can name what a client
// spends its time on ("remember (dist/node.js:93) 16 %") instead of guessing. Anonymous functions
// are named by the start of their source line.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sourceLines = new Map();
function lineOf(url, line) {
  if (!sourceLines.has(url)) {
    try {
      sourceLines.set(
        url,
        readFileSync(url.startsWith('file:') ? fileURLToPath(url) : url, 'utf8').split('\n'),
      );
    } catch {
      sourceLines.set(url, []);
    }
  }
  const text = (sourceLines.get(url)[line] ?? '').trim().replaceAll('`', "'");
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * @param {string} file a .cpuprofile (V8 Profiler.stop output)
 * @param {(url: string) => boolean} keep which source files to list by function (the rest is summed)
 * @returns {{ name: string, share: number }[]} biggest first
 */
export function selfTimeByFunction(file, keep) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map();
  for (const id of profile.samples) {
    const { url, functionName, lineNumber } = nodes.get(id).callFrame;
    let name;
    if (functionName === '(garbage collector)') name = 'garbage collection';
    else if (functionName === '(idle)') name = 'idle (waiting for I/O)';
    else if (functionName === '(program)') name = '(program: V8 and native code outside JS)';
    else if (url && keep(url)) {
      const where = `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
      name = functionName ? `\`${functionName}\` (${where})` : `\`${lineOf(url, lineNumber)}\` (${where})`;
    } else if (!url && functionName) name = `\`${functionName}\` (native)`;
    else if (url.includes('/node_modules/'))
      name = `${url.split('/node_modules/').pop().split('/')[0]} (package)`;
    else name = 'other (Node internals)';
    totals.set(name, (totals.get(name) ?? 0) + 1);
  }
  const total = [...totals.values()].reduce((sum, n) => sum + n, 0);
  return [...totals]
    .map(([name, count]) => ({ name, share: count / total }))
    .sort((a, b) => b.share - a.share);
}
