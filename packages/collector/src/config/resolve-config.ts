import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CollectorError } from '../http/error-registry.js';
import type { LogLevel } from '../log/logger.js';

/**
 * Options of the collector. Every field is optional; {@link resolveConfig} fills the rest from the
 * environment, then from {@link DEFAULTS}. The CLI flags map onto these one to one.
 */
export interface CollectorOptions {
  /** TCP port; 0 picks a free one. Env `SIGHTLINE_PORT`. @default 8420 */
  port?: number;
  /** Interface to listen on. Env `SIGHTLINE_HOST`. @default '127.0.0.1' */
  host?: string;
  /** SQLite file (created if missing). Env `SIGHTLINE_DATA_FILE`. @default '.data/sightline.db' (relative to the working directory) */
  dataFile?: string;
  /** PostgreSQL URL; when set the collector stores in PostgreSQL instead of SQLite. Env `DATABASE_URL`. @default undefined */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing). Env `SIGHTLINE_PG_SCHEMA`. @default 'public' */
  pgSchema?: string;
  /** PostgreSQL connection pool size. Env `SIGHTLINE_PG_POOL_SIZE`. @default 10 */
  pgPoolSize?: number;
  /**
   * SQLite `synchronous` pragma (the journal is always WAL). NORMAL keeps every acknowledged batch
   * through a crash or kill of the process; FULL also through a power cut, at one fsync per batch.
   * Env `SIGHTLINE_SQLITE_SYNCHRONOUS`. @default 'NORMAL'
   */
  sqliteSynchronous?: 'NORMAL' | 'FULL';
  /** Where to write the first-start credentials (mode 0600). Env `SIGHTLINE_CREDENTIALS_FILE`. @default undefined */
  credentialsFile?: string;
  /** `silent`, `error`, `warn`, `info` or `debug`. Env `SIGHTLINE_LOG_LEVEL`. @default 'info' */
  logLevel?: LogLevel;
  /** Oldest accepted event timestamp, in days. Env `SIGHTLINE_TIMESTAMP_WINDOW_DAYS`. @default 30 */
  timestampWindowDays?: number;
  /** Allowed clock skew for timestamps in the future, in seconds. Env `SIGHTLINE_FUTURE_SKEW_SECONDS`. @default 600 */
  futureSkewSeconds?: number;
  /** Maximum filters per event (Algolia's sources say 10 or 20). Env `SIGHTLINE_MAX_FILTERS`. @default 20 */
  maxFilters?: number;
  /** Refuse `price`/`value` without `currency`. Env `SIGHTLINE_REQUIRE_CURRENCY` (true/false). @default true */
  requireCurrency?: boolean;
  /** Requests per minute per API key (token bucket, burst = one minute's worth); 0 turns it off. Env `SIGHTLINE_RATE_LIMIT`. @default 60000 */
  rateLimitPerMinute?: number;
  /**
   * Requests per minute per client IP address for keys with only the `search` ACL (public keys), on
   * top of the per-key limit, so one visitor cannot use up a shared public key's bucket. Failed
   * authentications (401/403) are limited per IP at the same rate. The address is the TCP peer's:
   * behind a reverse proxy every visitor shares the proxy's address, so raise it or set 0 there.
   * 0 turns it off. Env `SIGHTLINE_RATE_LIMIT_PER_IP`. @default 6000
   */
  rateLimitPerIp?: number;
  /** How long a looked-up API key is trusted before the store is asked again, in seconds. Env `SIGHTLINE_KEY_CACHE_SECONDS`. @default 5 */
  keyCacheSeconds?: number;
  /** How long a graceful shutdown waits for in-flight requests, in milliseconds. Env `SIGHTLINE_SHUTDOWN_TIMEOUT_MS`. @default 10000 */
  shutdownTimeoutMs?: number;
  /**
   * Days stored events (by receive time) and tracked searches (by search time) are kept; older ones
   * are purged at start and every `purgeIntervalMinutes`, in small batches. 0 keeps everything.
   * Env `SIGHTLINE_RETENTION_DAYS`. @default 90
   */
  retentionDays?: number;
  /** Minutes between two retention purges. Env `SIGHTLINE_PURGE_INTERVAL_MINUTES`. @default 10 */
  purgeIntervalMinutes?: number;
  /** Folder of the built dashboard served under /dashboard/. Env `SIGHTLINE_DASHBOARD_DIR`. @default packages/dashboard/dist of this checkout */
  dashboardDir?: string;
}

/** {@link CollectorOptions} with every field decided; what the collector runs with. */
export interface ResolvedConfig {
  port: number;
  host: string;
  store:
    | { kind: 'sqlite'; dataFile: string; synchronous: 'NORMAL' | 'FULL' }
    | { kind: 'postgres'; databaseUrl: string; schema: string; poolSize: number };
  credentialsFile: string | undefined;
  logLevel: LogLevel;
  timestampWindowDays: number;
  futureSkewSeconds: number;
  maxFilters: number;
  requireCurrency: boolean;
  rateLimitPerMinute: number;
  rateLimitPerIp: number;
  keyCacheSeconds: number;
  shutdownTimeoutMs: number;
  retentionDays: number;
  purgeIntervalMinutes: number;
  dashboardDir: string;
}

/** The defaults, stated once. Units are in the option names. */
export const DEFAULTS = {
  port: 8420,
  host: '127.0.0.1',
  dataFile: '.data/sightline.db',
  pgSchema: 'public',
  pgPoolSize: 10,
  sqliteSynchronous: 'NORMAL',
  logLevel: 'info',
  timestampWindowDays: 30,
  futureSkewSeconds: 600,
  maxFilters: 20,
  requireCurrency: true,
  rateLimitPerMinute: 60_000,
  rateLimitPerIp: 6000,
  keyCacheSeconds: 5,
  shutdownTimeoutMs: 10_000,
  retentionDays: 90,
  purgeIntervalMinutes: 10,
} as const;

/** Environment variable of each option. `DATABASE_URL` also answers to `SIGHTLINE_DATABASE_URL`. */
export const ENV_NAMES: Record<keyof CollectorOptions, readonly string[]> = {
  port: ['SIGHTLINE_PORT'],
  host: ['SIGHTLINE_HOST'],
  dataFile: ['SIGHTLINE_DATA_FILE'],
  databaseUrl: ['SIGHTLINE_DATABASE_URL', 'DATABASE_URL'],
  pgSchema: ['SIGHTLINE_PG_SCHEMA'],
  pgPoolSize: ['SIGHTLINE_PG_POOL_SIZE'],
  sqliteSynchronous: ['SIGHTLINE_SQLITE_SYNCHRONOUS'],
  credentialsFile: ['SIGHTLINE_CREDENTIALS_FILE'],
  logLevel: ['SIGHTLINE_LOG_LEVEL'],
  timestampWindowDays: ['SIGHTLINE_TIMESTAMP_WINDOW_DAYS'],
  futureSkewSeconds: ['SIGHTLINE_FUTURE_SKEW_SECONDS'],
  maxFilters: ['SIGHTLINE_MAX_FILTERS'],
  requireCurrency: ['SIGHTLINE_REQUIRE_CURRENCY'],
  rateLimitPerMinute: ['SIGHTLINE_RATE_LIMIT'],
  rateLimitPerIp: ['SIGHTLINE_RATE_LIMIT_PER_IP'],
  keyCacheSeconds: ['SIGHTLINE_KEY_CACHE_SECONDS'],
  shutdownTimeoutMs: ['SIGHTLINE_SHUTDOWN_TIMEOUT_MS'],
  retentionDays: ['SIGHTLINE_RETENTION_DAYS'],
  purgeIntervalMinutes: ['SIGHTLINE_PURGE_INTERVAL_MINUTES'],
  dashboardDir: ['SIGHTLINE_DASHBOARD_DIR'],
};

const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

type Source = { value: string | number | boolean; from: string };

function pick(
  options: CollectorOptions,
  env: Record<string, string | undefined>,
  key: keyof CollectorOptions,
): Source | undefined {
  const given = options[key];
  if (given !== undefined) return { value: given, from: optionLabel(key) };
  for (const name of ENV_NAMES[key]) {
    const value = env[name];
    if (value !== undefined && value !== '') return { value, from: name };
  }
  return undefined;
}

/** CLI flags whose name is not the option's name in kebab case. */
const FLAG_NAMES: Partial<Record<keyof CollectorOptions, string>> = { rateLimitPerMinute: '--rate-limit' };

function optionLabel(key: keyof CollectorOptions): string {
  return FLAG_NAMES[key] ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function integer(source: Source | undefined, fallback: number, min: number, max: number): number {
  if (!source) return fallback;
  const n = typeof source.value === 'number' ? source.value : Number(String(source.value).trim());
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CollectorError(
      'CONFIG_INVALID',
      `${source.from} must be an integer from ${min} to ${max} (got ${JSON.stringify(source.value)}).`,
    );
  }
  return n;
}

function oneOf<T extends string>(source: Source | undefined, fallback: T, allowed: readonly T[]): T {
  if (!source) return fallback;
  const value = String(source.value);
  const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!match) {
    throw new CollectorError(
      'CONFIG_INVALID',
      `${source.from} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)}).`,
    );
  }
  return match;
}

function boolean(source: Source | undefined, fallback: boolean): boolean {
  if (!source) return fallback;
  if (typeof source.value === 'boolean') return source.value;
  const value = String(source.value).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new CollectorError(
    'CONFIG_INVALID',
    `${source.from} must be true or false (got ${JSON.stringify(source.value)}).`,
  );
}

function text(source: Source | undefined): string | undefined {
  return source === undefined ? undefined : String(source.value);
}

/**
 * Where the dashboard's build lives by default: `packages/dashboard/dist` next to this package,
 * found by walking up from this file (it runs from src/ in tests and from dist/ once built).
 */
export function defaultDashboardDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readFileSync(manifest, 'utf8').includes('"@sightline/collector"')) {
      return resolve(dir, '../dashboard/dist');
    }
    dir = dirname(dir);
  }
  return resolve('packages/dashboard/dist');
}

/**
 * Resolves the configuration once: explicit options (the CLI flags) win over the environment, which
 * wins over {@link DEFAULTS}. Throws a `CONFIG_INVALID` {@link CollectorError} naming the bad value.
 */
export function resolveConfig(
  options: CollectorOptions = {},
  env: Record<string, string | undefined> = process.env,
): ResolvedConfig {
  const databaseUrl = pick(options, env, 'databaseUrl');
  const dataFile = pick(options, env, 'dataFile');
  let store: ResolvedConfig['store'];
  // The more explicit source decides the store: a --data-file flag beats a DATABASE_URL in the env.
  const urlIsFlag = options.databaseUrl !== undefined;
  const fileIsFlag = options.dataFile !== undefined;
  if (databaseUrl && dataFile && urlIsFlag === fileIsFlag) {
    throw new CollectorError(
      'CONFIG_INVALID',
      `both ${databaseUrl.from} and ${dataFile.from} are set; give only one store.`,
    );
  }
  if (databaseUrl && !(dataFile && fileIsFlag)) {
    const url = String(databaseUrl.value);
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new CollectorError(
        'CONFIG_INVALID',
        `${databaseUrl.from} must start with postgres:// (got ${maskUrl(url)}).`,
      );
    }
    const schemaSource = pick(options, env, 'pgSchema');
    const schema = text(schemaSource) ?? DEFAULTS.pgSchema;
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new CollectorError(
        'CONFIG_INVALID',
        `${schemaSource?.from ?? '--pg-schema'} must be a lower-case SQL identifier (got ${JSON.stringify(schema)}).`,
      );
    }
    store = {
      kind: 'postgres',
      databaseUrl: url,
      schema,
      poolSize: integer(pick(options, env, 'pgPoolSize'), DEFAULTS.pgPoolSize, 1, 1000),
    };
  } else {
    store = {
      kind: 'sqlite',
      dataFile: resolve(text(dataFile) ?? DEFAULTS.dataFile),
      synchronous: oneOf(pick(options, env, 'sqliteSynchronous'), DEFAULTS.sqliteSynchronous, [
        'NORMAL',
        'FULL',
      ]),
    };
  }
  const credentialsFile = text(pick(options, env, 'credentialsFile'));
  return {
    port: integer(pick(options, env, 'port'), DEFAULTS.port, 0, 65535),
    host: text(pick(options, env, 'host')) ?? DEFAULTS.host,
    store,
    credentialsFile: credentialsFile === undefined ? undefined : resolve(credentialsFile),
    logLevel: oneOf(pick(options, env, 'logLevel'), DEFAULTS.logLevel, LOG_LEVELS),
    timestampWindowDays: integer(
      pick(options, env, 'timestampWindowDays'),
      DEFAULTS.timestampWindowDays,
      1,
      36500,
    ),
    futureSkewSeconds: integer(
      pick(options, env, 'futureSkewSeconds'),
      DEFAULTS.futureSkewSeconds,
      0,
      31_536_000,
    ),
    maxFilters: integer(pick(options, env, 'maxFilters'), DEFAULTS.maxFilters, 1, 1000),
    requireCurrency: boolean(pick(options, env, 'requireCurrency'), DEFAULTS.requireCurrency),
    rateLimitPerMinute: integer(
      pick(options, env, 'rateLimitPerMinute'),
      DEFAULTS.rateLimitPerMinute,
      0,
      1e9,
    ),
    rateLimitPerIp: integer(pick(options, env, 'rateLimitPerIp'), DEFAULTS.rateLimitPerIp, 0, 1e9),
    keyCacheSeconds: integer(pick(options, env, 'keyCacheSeconds'), DEFAULTS.keyCacheSeconds, 0, 86_400),
    shutdownTimeoutMs: integer(
      pick(options, env, 'shutdownTimeoutMs'),
      DEFAULTS.shutdownTimeoutMs,
      0,
      3_600_000,
    ),
    retentionDays: integer(pick(options, env, 'retentionDays'), DEFAULTS.retentionDays, 0, 36500),
    purgeIntervalMinutes: integer(
      pick(options, env, 'purgeIntervalMinutes'),
      DEFAULTS.purgeIntervalMinutes,
      1,
      10_080,
    ),
    dashboardDir: resolve(text(pick(options, env, 'dashboardDir')) ?? defaultDashboardDir()),
  };
}

/** Hides the password of a connection URL: `postgres://user:***@host/db`. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

/** The resolved configuration as printed at start: secrets masked. */
export function describeConfig(config: ResolvedConfig): Record<string, unknown> {
  const store =
    config.store.kind === 'postgres'
      ? { ...config.store, databaseUrl: maskUrl(config.store.databaseUrl) }
      : config.store;
  return { ...config, store };
}
