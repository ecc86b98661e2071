// Child processes for the server-side suites (collector, ceiling server, load generator) and the
// /proc readings taken from outside them: CPU time (to tell which side was the bottleneck) and RSS.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ; /proc/<pid>/stat counts in these ticks.

/** Forks a Node script with IPC; stdout is ignored, stderr is passed through for diagnostics. */
export function forkNode(script, args = [], execArgv = []) {
  return fork(script, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv });
}

/** Resolves with the child's next message of the given type (rejects on exit or an error message). */
export function nextMessage(child, type, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`no "${type}" message within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message) => {
      if (message?.type === type) finish(undefined, message);
      else if (message?.type === 'error') finish(new Error(message.message));
    };
    const onExit = (code) => finish(new Error(`child exited (code ${code}) before sending "${type}"`));
    function finish(error, value) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Asks a child to close, then ends it by its own pid if it has not exited within `graceMs`. */
export async function stopChild(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    child.send('close');
  } catch {
    // Already disconnected: the kill below settles it.
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** User + system CPU seconds a process has used so far (Linux /proc). */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Resident set size of a process in bytes (VmRSS from /proc/<pid>/status). */
export function rssBytes(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
