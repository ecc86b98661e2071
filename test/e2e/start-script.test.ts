import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = new URL('../../scripts/start.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sightline-start-'));
const files = {
  SIGHTLINE_DATA_FILE: join(dir, 'sightline.db'),
  SIGHTLINE_CREDENTIALS_FILE: join(dir, 'credentials.json'),
};

/** `npm start`'s script on free ports and temp files (the built packages are used, as after setup). */
function start(extra: Record<string, string> = {}): {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
} {
  const env: NodeJS.ProcessEnv = { ...process.env, ...files, SIGHTLINE_PORT: '0', DEMO_PORT: '0', ...extra };
  delete env.DATABASE_URL;
  delete env.SIGHTLINE_DATABASE_URL;
  const child = spawn(process.execPath, [SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

/** Waits until the script printed its banner (or exited), then returns the printed facts. */
async function banner(run: ReturnType<typeof start>) {
  let done = false;
  void run.exited.then(() => (done = true));
  while (!run.out().includes('Press Ctrl-C') && !done)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const line = (label: string) => run.out().match(new RegExp(`${label}\\s+(\\S+)`))?.[1];
  return {
    demo: line('Demo shop'),
    dashboard: line('Dashboard'),
    appId: line('App ID'),
    searchKey: line('Search key'),
  };
}

describe('scripts/start.mjs (npm start)', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts the collector and the demo, prints the URLs and keys, and stops on Ctrl-C', async () => {
    const run = start();
    const shown = await banner(run);
    try {
      expect(run.err()).toBe('');
      const credentials = JSON.parse(readFileSync(files.SIGHTLINE_CREDENTIALS_FILE, 'utf8'));
      expect(shown.appId).toBe(credentials.appId);
      expect(shown.searchKey).toBe(credentials.searchKey);
      // `sightline replay` takes its default --url from here.
      expect(credentials.url).toBe(new URL(shown.dashboard!).origin);

      // The dashboard link signs in with the admin key, in the fragment only.
      const dashboard = new URL(shown.dashboard!);
      expect(dashboard.pathname).toBe('/dashboard/');
      const fragment = new URLSearchParams(dashboard.hash.slice(1));
      expect(Object.fromEntries(fragment)).toEqual({
        appId: credentials.appId,
        apiKey: credentials.adminKey,
      });
      const feed = await fetch(`${dashboard.origin}/api/events`, {
        headers: { 'x-algolia-application-id': credentials.appId, 'x-algolia-api-key': credentials.adminKey },
      });
      expect(feed.status).toBe(200);
      const pages = await fetch(`${dashboard.origin}/dashboard/`);
      expect(pages.headers.get('content-type')).toContain('text/html');
      expect(await pages.text()).toContain('app.js');

      // The shop searches, and its page carries the search key for aa('init').
      const search = (await (await fetch(`${shown.demo}api/search?q=iphone`)).json()) as { nbHits: number };
      expect(search.nbHits).toBeGreaterThan(0);
      const page = await (await fetch(shown.demo!)).text();
      expect(page).toContain(`"apiKey":"${credentials.searchKey}"`);
      expect(page).toContain(`"host":"${dashboard.origin}"`);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
    expect(run.out()).toContain('stopped.');
  });

  it('reuses the same application and keys on the next start', async () => {
    const first = JSON.parse(readFileSync(files.SIGHTLINE_CREDENTIALS_FILE, 'utf8'));
    const run = start();
    const shown = await banner(run);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(shown).toMatchObject({ appId: first.appId, searchKey: first.searchKey });
  });

  it('a busy port names the variable to change, for the collector and for the demo shop', async () => {
    const busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
    const { port } = busy.address() as AddressInfo;
    try {
      const collector = start({ SIGHTLINE_PORT: String(port) });
      expect(await collector.exited).toBe(1);
      expect(collector.err()).toContain(
        `[start] port ${port} is in use (collector). Fix: set SIGHTLINE_PORT to a free port, e.g. SIGHTLINE_PORT=${port + 100} npm start`,
      );
      const demo = start({ DEMO_PORT: String(port) });
      expect(await demo.exited).toBe(1);
      expect(demo.err()).toContain(
        `[start] port ${port} is in use (the demo shop). Fix: set DEMO_PORT to a free port, e.g. DEMO_PORT=${port + 100} npm start`,
      );
    } finally {
      await new Promise((done) => busy.close(done));
    }
  });

  it('explains how to recover when the credentials file is gone', async () => {
    rmSync(files.SIGHTLINE_CREDENTIALS_FILE);
    const run = start();
    expect(await run.exited).toBe(1);
    expect(run.err()).toMatch(/credentials\.json is missing[\s\S]*Fix: /);
  });
});
