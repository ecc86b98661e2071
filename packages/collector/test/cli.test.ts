import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, printedCredentials, runBin, serveBin } from './helpers/binary.js';
import { validEvent } from './helpers/test-collector.js';

const dir = mkdtempSync(join(tmpdir(), 'sightline-cli-'));
const dataFile = join(dir, 'events.db');
const store = ['--data-file', dataFile];
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sightline CLI (the real binary)', () => {
  it('prints usage with --help on every command, exit 0', async () => {
    const top = await runBin(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Usage: sightline <command>/);
    for (const command of ['serve', 'apps', 'keys', 'export', 'delete-user', 'replay', 'generate']) {
      const res = await runBin([command, '--help']);
      expect(res.code, command).toBe(0);
      expect(res.stdout, command).toContain(`Usage: sightline ${command}`);
      expect(res.stdout, command).toMatch(/Examples?:/);
      expect(res.stderr).toBe('');
      // Every option's description starts in one column, continuation lines too.
      const options = res.stdout.split('Options:\n')[1]!.split('\n\n')[0]!.split('\n');
      const columns = options.map((l) =>
        l.startsWith('  -') ? /^ {2}\S.*?\S {2,}/.exec(l)![0].length : l.search(/\S/),
      );
      expect(new Set(columns).size, `${command}:\n${options.join('\n')}`).toBe(1);
    }
  });

  it('errors go to stderr with a code and a fix, non-zero exit', async () => {
    const none = await runBin([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Usage:/);
    const unknown = await runBin(['frobnicate']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(
      /CLI_USAGE: .*Unknown command "frobnicate".*Fix: run `sightline --help` \(from the repository: `npm run sightline -- --help`\)/,
    );
    const badFlag = await runBin(['keys', 'list', '--nope', ...store]);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toBe(
      'sightline: CLI_USAGE: The command line is not valid. Unknown option --nope for sightline keys. ' +
        'Fix: see `sightline keys --help` (from the repository: `npm run sightline -- keys --help`).\n',
    );
    const noValue = await runBin(['export', ...store, '--format']);
    expect(noValue.stderr).toMatch(
      /CLI_USAGE: .*Option --format of sightline export needs a value\. Fix: see `sightline export --help`/,
    );
    const flagValue = await runBin(['apps', 'list', '--json=yes', ...store]);
    expect(flagValue.stderr).toMatch(/Option --json of sightline apps takes no value \(got --json=yes\)/);
    const extra = await runBin(['export', 'now', ...store]);
    expect(extra.stderr).toMatch(
      /Unexpected argument "now" for sightline export\. Fix: see `sightline export --help`/,
    );
    const badPort = await runBin(['serve', '--port', 'abc', ...store]);
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toMatch(
      /CONFIG_INVALID: .*--port must be an integer from 0 to 65535 \(got "abc"\)/,
    );
    const badEnv = await runBin(['serve', ...store], cleanEnv({ SIGHTLINE_LOG_LEVEL: 'loud' }));
    expect(badEnv.stderr).toMatch(/SIGHTLINE_LOG_LEVEL must be one of silent, error, warn, info, debug/);
  });

  describe('with a store', () => {
    let app: { appId: string; searchKey: string; adminKey: string };
    beforeAll(async () => {
      const created = await runBin(['apps', 'create', '--name', 'Shop', '--json', ...store]);
      expect(created.code).toBe(0);
      app = JSON.parse(created.stdout);
    });

    it('apps create prints the keys once; apps list shows the app without keys', async () => {
      expect(app.appId).toMatch(/^[A-Z0-9]{10}$/);
      expect(app.searchKey).toMatch(/^[0-9a-f]{32}$/);
      const list = await runBin(['apps', 'list', ...store]);
      expect(list.stdout).toContain(`${app.appId}  Shop`);
      const keys = await runBin(['keys', 'list', '--json', ...store]);
      expect(keys.stdout).not.toContain(app.searchKey);
      expect(keys.stdout).not.toContain(app.adminKey);
      expect(JSON.parse(keys.stdout).map((k: { prefix: string }) => k.prefix)).toEqual([
        app.searchKey.slice(0, 6),
        app.adminKey.slice(0, 6),
      ]);
    });

    it('keys create (with --acl), list and revoke', async () => {
      const bad = await runBin(['keys', 'create', '--acl', 'search,root', ...store]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/Unknown ACL root/);
      const missing = await runBin(['keys', 'create', ...store]);
      expect(missing.stderr).toMatch(/--acl is required/);
      const created = await runBin([
        'keys',
        'create',
        '--acl',
        'analytics,deleteObject',
        '--description',
        'ops',
        ...store,
      ]);
      expect(created.code).toBe(0);
      const key = created.stdout.trim();
      expect(key).toMatch(/^[0-9a-f]{32}$/);
      expect(created.stderr).toMatch(/shown this once/);
      const listed = await runBin(['keys', 'list', '--app', app.appId, ...store]);
      expect(listed.stdout.split('\n')[0]).toMatch(/^ID\s+APP\s+PREFIX\s+ACL\s+STATE\s+DESCRIPTION$/);
      const line = listed.stdout.split('\n').find((l) => l.includes(key.slice(0, 6)))!;
      expect(line).toMatch(/analytics,deleteObject\s+active\s+ops$/);
      expect(JSON.parse((await runBin(['keys', 'list', '--json', ...store])).stdout)).toContainEqual(
        expect.objectContaining({ prefix: key.slice(0, 6), acl: ['analytics', 'deleteObject'] }),
      );
      const id = line.split(' ')[0]!;
      expect((await runBin(['keys', 'revoke', id, ...store])).stdout).toContain(`Key ${id} revoked.`);
      expect((await runBin(['keys', 'list', ...store])).stdout).toMatch(new RegExp(`^${id} .*revoked `, 'm'));
      const again = await runBin(['keys', 'revoke', id, ...store]);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(new RegExp(`Key ${id} was already revoked \\(at \\d{4}-`));
      const missingKey = await runBin(['keys', 'revoke', '99999', ...store]);
      expect(missingKey.code).toBe(1);
      expect(missingKey.stderr).toMatch(/CLI_NOT_FOUND: .*No key with id 99999/);
    });

    it('serve uses the store, export writes NDJSON and CSV, delete-user removes a token', async () => {
      const server = await serveBin([...store, '--log-level', 'info']);
      try {
        expect(server.stderr()).not.toMatch(/search key/); // not empty: no bootstrap, no keys printed
        const url = `${server.url}/1/events?X-Algolia-Application-Id=${app.appId}&X-Algolia-API-Key=${app.searchKey}`;
        const events = [
          validEvent({ userToken: 'cli-1', objectIDs: ['a,"b"'] }),
          validEvent({ userToken: 'cli-2', eventType: 'view' }),
        ];
        expect((await fetch(url, { method: 'POST', body: JSON.stringify({ events }) })).status).toBe(200);
        expect((await fetch(url, { method: 'POST', body: '{' })).status).toBe(400);
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }

      const ndjson = await runBin(['export', ...store]);
      expect(ndjson.code).toBe(0);
      const rows = ndjson.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(rows.map((r) => r.event.userToken)).toEqual(['cli-1', 'cli-2']);
      expect(rows[0]).toMatchObject({ appId: app.appId, status: 200, accepted: true });
      expect(ndjson.stderr).toBe(''); // no progress bar when stderr is not a terminal

      const all = await runBin(['export', '--status', 'all', ...store]);
      expect(all.stdout.trim().split('\n')).toHaveLength(3);

      const csvFile = join(dir, 'out.csv');
      const csv = await runBin([
        'export',
        '--format',
        'csv',
        '--output',
        csvFile,
        '--app',
        app.appId,
        ...store,
      ]);
      expect(csv.code).toBe(0);
      expect(csv.stderr).toContain(`Exported 2 events to ${csvFile}`);
      const lines = readFileSync(csvFile, 'utf8').trim().split('\n');
      expect(lines[0]).toBe(
        'id,appId,requestId,receivedAt,status,accepted,eventType,eventSubtype,eventName,index,userToken,authenticatedUserToken,queryID,objectIDs,positions,filters,timestamp,device,errors,event',
      );
      // Arrays are JSON in CSV cells, so a value containing a separator stays unambiguous.
      expect(lines[1]).toContain(',click,,Product Clicked,products,cli-1,,,"[""a,\\""b\\""""]",');
      expect(lines).toHaveLength(3);

      expect((await runBin(['export', '--format', 'xml', ...store])).stderr).toMatch(
        /--format must be ndjson or csv/,
      );
      expect((await runBin(['export', '--app', 'NOPE', ...store])).code).toBe(1);

      const bad = await runBin(['delete-user', '', ...store]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/USER_TOKEN_INVALID: .*empty.*<userToken> argument/);
      expect(bad.stderr).not.toMatch(/in the path/);
      const deleted = await runBin(['delete-user', 'cli-1', ...store]);
      expect(deleted.stdout).toContain(`Deleted 1 event and 0 searches of cli-1 in ${app.appId}.`);
      // Tokens the event rules refuse are deletable too (refused events are stored).
      const spaced = await runBin(['delete-user', 'a b', ...store]);
      expect(spaced.stdout).toContain('Deleted 0 events and 0 searches of a b');
      const after = await runBin(['export', ...store]);
      expect(after.stdout).not.toContain('cli-1');
    });

    it('commands that need one application ask for --app when there are several', async () => {
      await runBin(['apps', 'create', ...store]);
      const res = await runBin(['delete-user', 'cli-2', ...store]);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/There are 2 applications: name one with --app/);
    });
  });

  it('serve on an empty store: prints the credentials once on stderr, writes them 0600, never logs a key', async () => {
    const fresh = join(dir, 'fresh.db');
    const credentialsFile = join(dir, 'creds', 'credentials.json');
    const server = await serveBin([
      '--data-file',
      fresh,
      '--credentials-file',
      credentialsFile,
      '--log-level',
      'debug',
    ]);
    let creds: { appId: string; searchKey: string; adminKey: string };
    try {
      creds = printedCredentials(server.stderr());
      // With the collector's URL, which `sightline replay` takes as its default --url.
      expect(JSON.parse(readFileSync(credentialsFile, 'utf8'))).toEqual({ ...creds, url: server.url });
      expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);
      const base = `${server.url}/api/events`;
      await fetch(`${base}?x-algolia-application-id=${creds.appId}&x-algolia-api-key=${creds.adminKey}`);
      await fetch(base, {
        headers: { 'x-algolia-application-id': creds.appId, 'x-algolia-api-key': creds.searchKey },
      });
      await fetch(
        `${server.url}/1/events?X-Algolia-Application-Id=${creds.appId}&X-Algolia-API-Key=${creds.searchKey}`,
        { method: 'POST', body: 'x' },
      );
      await server.waitForLog(/"path":"\/1\/events","status":400/);
    } finally {
      server.child.kill('SIGINT');
      expect((await server.exited).code).toBe(0);
    }
    const log = server.stdout();
    expect(log).toMatch(/"msg":"config"/);
    expect(log).toMatch(/"path":"\/api\/events","status":403/);
    expect(log).not.toContain(creds.searchKey);
    expect(log).not.toContain(creds.adminKey);
    expect(server.stderr().split(creds.adminKey).length - 1).toBe(2); // the key line and the dashboard link, once each
    for (const line of log.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('file and port problems are coded errors with a fix; read-only commands never create a store', async () => {
    const coded = (code: string) => new RegExp(`^sightline: ${code}: .+ Fix: .+`, 'm');
    const db = join(dir, 'errors.db');
    expect((await runBin(['apps', 'create', '--data-file', db])).code).toBe(0);

    const noFolder = await runBin([
      'export',
      '--output',
      join(dir, 'nonexistent', 'x.ndjson'),
      '--data-file',
      db,
    ]);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toMatch(coded('OUTPUT_FAILED'));
    expect(noFolder.stderr).toMatch(/its folder does not exist/);
    const folder = await runBin(['export', '--output', dir, '--data-file', db]);
    expect(folder.stderr).toMatch(coded('OUTPUT_FAILED'));
    expect(folder.stderr).toMatch(/it is a folder/);

    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database, just text '.repeat(200));
    const notDb = await runBin(['export', '--data-file', junk]);
    expect(notDb.code).toBe(1);
    expect(notDb.stderr).toMatch(coded('STORE_OPEN_FAILED'));
    expect(notDb.stderr).toMatch(/not a database/);

    const ghost = join(dir, 'ghost', 'nodir', 'x.db');
    for (const args of [['export'], ['keys', 'list'], ['apps', 'list'], ['delete-user', 'u1']]) {
      const res = await runBin([...args, '--data-file', ghost]);
      expect(res.code, args.join(' ')).toBe(1);
      expect(res.stderr, args.join(' ')).toMatch(coded('DATA_FILE_MISSING'));
    }
    expect(existsSync(join(dir, 'ghost'))).toBe(false);

    const emptyName = await runBin(['apps', 'create', '--name', '', '--data-file', db]);
    expect(emptyName.code).toBe(2);
    expect(emptyName.stderr).toMatch(/CLI_USAGE: .*--name must not be empty/);

    const busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
    try {
      const { port } = busy.address() as AddressInfo;
      const res = await runBin(['serve', '--port', String(port), '--data-file', db]);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(coded('PORT_IN_USE'));
      expect(res.stderr).toContain(`Port ${port} on 127.0.0.1 is already used`);
      expect(res.stderr).toMatch(/--port or SIGHTLINE_PORT/);
    } finally {
      await new Promise((done) => busy.close(done));
    }
  });

  it('export into a pipe its reader closes (| head -1) stops quietly with exit 0', async () => {
    const big = join(dir, 'pipe.db');
    // Far more than a pipe buffer (64 KB): the export is still writing when the reader leaves.
    expect((await runBin(['generate', '--events', '4000', '--data-file', big])).code).toBe(0);
    for (const format of ['ndjson', 'csv']) {
      const child = spawn(process.execPath, [BIN, 'export', '--format', format, '--data-file', big], {
        env: cleanEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => {
        stderr += c;
      });
      let first = '';
      child.stdout.once('data', (c: Buffer) => {
        first = String(c).split('\n')[0]!;
        child.stdout.destroy(); // what `head -1` does after its line
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(first, format).toMatch(format === 'csv' ? /^id,appId,/ : /^\{"id":1,/);
      expect({ code, stderr }, format).toEqual({ code: 0, stderr: '' });
    }
  });

  it('the printed configuration masks the database password', async () => {
    const res = await runBin([
      'serve',
      '--database-url',
      'postgres://u:hunter2@127.0.0.1:1/x',
      '--log-level',
      'info',
    ]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('postgres://u:***@127.0.0.1:1/x');
    expect(res.stdout + res.stderr).not.toContain('hunter2');
  });
});
