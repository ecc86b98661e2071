import { type CollectorOptions, DEFAULTS } from '../../config/resolve-config.js';
import { CollectorError } from '../../http/error-registry.js';
import type { LogLevel } from '../../log/logger.js';
import { startCollector } from '../../start-collector.js';
import {
  type CliIo,
  type Command,
  line,
  parseFlags,
  STORE_FLAG_ROWS,
  STORE_FLAGS,
  storeOpenError,
  storeOptions,
} from '../command.js';
import { HELP_ROW, optionList } from '../usage.js';

const USAGE = `Usage: sightline serve [options]

Starts the collector: the Insights API, the debugger feed and the dashboard.
Settings come from flags, then environment variables, then defaults.

Options:
${optionList([
  ['--port <n>', `TCP port, 0 = any free one (env SIGHTLINE_PORT, default ${DEFAULTS.port})`],
  ['--host <addr>', `interface (env SIGHTLINE_HOST, default ${DEFAULTS.host})`],
  ...STORE_FLAG_ROWS,
  [
    '--credentials-file <path>',
    'on first start, also write the new credentials there (mode 0600);\nits "url" is kept up to date on every start (sightline replay reads it)',
  ],
  [
    '--log-level <level>',
    `silent|error|warn|info|debug (env SIGHTLINE_LOG_LEVEL, default ${DEFAULTS.logLevel})`,
  ],
  ['--timestamp-window-days <n>', `oldest accepted event, in days (default ${DEFAULTS.timestampWindowDays})`],
  ['--future-skew-seconds <n>', `allowed clock skew into the future (default ${DEFAULTS.futureSkewSeconds})`],
  ['--max-filters <n>', `filters per event (default ${DEFAULTS.maxFilters})`],
  ['--no-require-currency', 'accept price/value without currency'],
  [
    '--rate-limit <n>',
    `requests per minute per key, 0 = off (env SIGHTLINE_RATE_LIMIT, default ${DEFAULTS.rateLimitPerMinute})`,
  ],
  [
    '--rate-limit-per-ip <n>',
    `requests per minute per client IP on search-only keys, and failed\nauthentications per IP; 0 = off (env SIGHTLINE_RATE_LIMIT_PER_IP, default ${DEFAULTS.rateLimitPerIp})`,
  ],
  ['--sqlite-synchronous <mode>', `NORMAL or FULL (default ${DEFAULTS.sqliteSynchronous})`],
  [
    '--retention-days <n>',
    `keep events and searches this many days, 0 = forever (env SIGHTLINE_RETENTION_DAYS, default ${DEFAULTS.retentionDays})`,
  ],
  ['--dashboard-dir <path>', 'built dashboard to serve under /dashboard/'],
  HELP_ROW,
])}

Examples:
  sightline serve --port 8420 --data-file .data/sightline.db
  DATABASE_URL=postgres://user:pass@db/sightline sightline serve --host 0.0.0.0

Logs are JSON lines on stdout; on first start the new credentials are printed once on stderr.
SIGTERM or SIGINT stops gracefully (in-flight requests finish).`;

/**
 * Hands a numeric flag to resolveConfig as typed: it parses strings itself and names the flag in its
 * error, so "--port abc" reads "--port must be an integer… (got "abc")" rather than "got null".
 */
function num(value: string | undefined): number | undefined {
  return value as unknown as number | undefined;
}

/** A coded error for a failed start: a busy or forbidden port, or a store that would not open. */
function startError(error: unknown): CollectorError {
  const e = error as NodeJS.ErrnoException & { port?: number; address?: string };
  if (e?.code === 'EADDRINUSE' || e?.code === 'EACCES') {
    const detail =
      e.code === 'EADDRINUSE'
        ? `Port ${e.port} on ${e.address} is already used by another process.`
        : `Port ${e.port} on ${e.address} needs privileges this process does not have.`;
    return new CollectorError('PORT_IN_USE', detail);
  }
  return storeOpenError(error, 'the store');
}

/** `sightline serve`. */
export const serve: Command = {
  name: 'serve',
  summary: 'start the collector (HTTP API, debugger feed, dashboard)',
  usage: USAGE,
  async run(argv: string[], io: CliIo) {
    const { values } = parseFlags('serve', argv, {
      ...STORE_FLAGS,
      port: { type: 'string' },
      host: { type: 'string' },
      'credentials-file': { type: 'string' },
      'log-level': { type: 'string' },
      'timestamp-window-days': { type: 'string' },
      'future-skew-seconds': { type: 'string' },
      'max-filters': { type: 'string' },
      'require-currency': { type: 'boolean' },
      'no-require-currency': { type: 'boolean' },
      'rate-limit': { type: 'string' },
      'rate-limit-per-ip': { type: 'string' },
      'sqlite-synchronous': { type: 'string' },
      'retention-days': { type: 'string' },
      'dashboard-dir': { type: 'string' },
    });
    if (values.help) {
      line(io.stdout, USAGE);
      return 0;
    }
    const options: CollectorOptions = {
      ...storeOptions(values),
      port: num(values.port),
      host: values.host,
      credentialsFile: values['credentials-file'],
      logLevel: values['log-level'] as LogLevel | undefined,
      timestampWindowDays: num(values['timestamp-window-days']),
      futureSkewSeconds: num(values['future-skew-seconds']),
      maxFilters: num(values['max-filters']),
      requireCurrency: values['no-require-currency'] ? false : values['require-currency'],
      rateLimitPerMinute: num(values['rate-limit']),
      rateLimitPerIp: num(values['rate-limit-per-ip']),
      sqliteSynchronous: values['sqlite-synchronous'] as 'NORMAL' | 'FULL' | undefined,
      retentionDays: num(values['retention-days']),
      dashboardDir: values['dashboard-dir'],
    };
    let collector: Awaited<ReturnType<typeof startCollector>>;
    try {
      collector = await startCollector({
        ...options,
        env: io.env,
        logSink: (text) => io.stdout.write(text),
      });
    } catch (error) {
      throw startError(error);
    }
    if (collector.bootstrap) {
      const { appId, searchKey, adminKey } = collector.bootstrap;
      line(io.stderr, 'Sightline: the store was empty, so it now has an application and two API keys.');
      line(io.stderr, 'They are shown this once (only their hashes are stored):');
      line(io.stderr, `  application ID  ${appId}`);
      line(io.stderr, `  search key      ${searchKey}   (for pages and apps sending events)`);
      line(io.stderr, `  admin key       ${adminKey}   (dashboard, deletions, management)`);
      if (collector.config.credentialsFile)
        line(io.stderr, `  also written to ${collector.config.credentialsFile}`);
      line(io.stderr, `Dashboard: ${collector.url}/dashboard/#appId=${appId}&apiKey=${adminKey}`);
    }
    line(io.stderr, `Sightline collector listening on ${collector.url}`);
    return new Promise<number>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) {
          // A second signal means "now": skip waiting for in-flight requests.
          resolve(1);
          return;
        }
        stopping = true;
        line(io.stderr, `Sightline: ${signal} received, finishing in-flight requests…`);
        collector.close().then(
          () => resolve(0),
          () => resolve(1),
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
  },
};
