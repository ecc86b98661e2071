import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The real `sightline` binary (bin/sightline.js → dist/cli.js, built by `npm run build`). */
export const BIN = fileURLToPath(new URL('../../bin/sightline.js', import.meta.url));
const DIST_CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** Fails with the fix when the collector is not built. */
export function assertBuilt(): void {
  if (!existsSync(DIST_CLI))
    throw new Error('packages/collector/dist/cli.js is missing. Fix: run `npm run build` first.');
}

/** An environment without the caller's SIGHTLINE_* / DATABASE_URL settings. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('SIGHTLINE_') && k !== 'DATABASE_URL') env[k] = v;
  }
  return { ...env, ...extra };
}

/** Runs the binary to completion. */
export function runBin(
  args: string[],
  env: Record<string, string> = cleanEnv(),
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c;
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A `sightline serve` child process, with everything it printed so far. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when stdout (the JSON log) has a line matching `pattern`. */
  waitForLog(pattern: RegExp): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `sightline serve` and resolves once it listens. */
export function serveBin(args: string[], env: Record<string, string> = cleanEnv()): Promise<ServeProcess> {
  assertBuilt();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c;
    for (const w of [...waiters]) {
      if (w.pattern.test(stdout)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c;
      const url = stderr.match(/listening on (http:\/\/\S+)/)?.[1];
      if (url) {
        resolve({
          child,
          url,
          stdout: () => stdout,
          stderr: () => stderr,
          waitForLog: (pattern) =>
            pattern.test(stdout)
              ? Promise.resolve()
              : new Promise<void>((done) => waiters.push({ pattern, resolve: done })),
          exited,
        });
      }
    });
    void exited.then(({ code }) => reject(new Error(`sightline serve exited with ${code}: ${stderr}`)));
  });
}

/** The credentials printed on stderr at first start. */
export function printedCredentials(stderr: string): { appId: string; searchKey: string; adminKey: string } {
  const pick = (label: string) => {
    const value = stderr.match(new RegExp(`${label}\\s+(\\S+)`))?.[1];
    if (!value) throw new Error(`no ${label} in: ${stderr}`);
    return value;
  };
  return { appId: pick('application ID'), searchKey: pick('search key'), adminKey: pick('admin key') };
}
