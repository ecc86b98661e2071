import { describe, expect, it } from 'vitest';
import { DEFAULTS, describeConfig, maskUrl, resolveConfig } from '../src/config/resolve-config.js';
import { CollectorError } from '../src/http/error-registry.js';

describe('resolveConfig: flags > env > defaults', () => {
  it('fills every default from one place', () => {
    const config = resolveConfig({}, {});
    expect(config).toMatchObject({
      port: DEFAULTS.port,
      host: DEFAULTS.host,
      store: {
        kind: 'sqlite',
        dataFile: expect.stringMatching(/\.data\/sightline\.db$/),
        synchronous: 'NORMAL',
      },
      credentialsFile: undefined,
      logLevel: 'info',
      timestampWindowDays: 30,
      futureSkewSeconds: 600,
      maxFilters: 20,
      requireCurrency: true,
      rateLimitPerMinute: 60_000,
      keyCacheSeconds: 5,
      shutdownTimeoutMs: 10_000,
    });
  });

  it('reads the environment, and flags win over it', () => {
    const env = {
      SIGHTLINE_PORT: '9000',
      SIGHTLINE_HOST: '0.0.0.0',
      SIGHTLINE_LOG_LEVEL: 'DEBUG',
      SIGHTLINE_REQUIRE_CURRENCY: 'false',
      SIGHTLINE_RATE_LIMIT: '0',
    };
    expect(resolveConfig({}, env)).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      logLevel: 'debug',
      requireCurrency: false,
      rateLimitPerMinute: 0,
    });
    expect(resolveConfig({ port: 0, logLevel: 'silent', requireCurrency: true }, env)).toMatchObject({
      port: 0,
      logLevel: 'silent',
      requireCurrency: true,
    });
  });

  it('0 is a value, not "unset" (port 0 = any free port)', () => {
    expect(
      resolveConfig({ port: 0, rateLimitPerMinute: 0, keyCacheSeconds: 0 }, { SIGHTLINE_PORT: '1234' }),
    ).toMatchObject({ port: 0, rateLimitPerMinute: 0, keyCacheSeconds: 0 });
  });

  it('DATABASE_URL chooses PostgreSQL; a --data-file flag beats it; both at one level is an error', () => {
    const url = 'postgres://u:p@db:5432/x';
    expect(resolveConfig({}, { DATABASE_URL: url }).store).toEqual({
      kind: 'postgres',
      databaseUrl: url,
      schema: 'public',
      poolSize: 10,
    });
    expect(
      resolveConfig({}, { SIGHTLINE_DATABASE_URL: url, SIGHTLINE_PG_SCHEMA: 'tenant_1' }).store,
    ).toMatchObject({ schema: 'tenant_1' });
    expect(resolveConfig({ dataFile: '/tmp/a.db' }, { DATABASE_URL: url }).store).toMatchObject({
      kind: 'sqlite',
      dataFile: '/tmp/a.db',
    });
    expect(resolveConfig({ databaseUrl: url }, { SIGHTLINE_DATA_FILE: '/tmp/a.db' }).store.kind).toBe(
      'postgres',
    );
    expect(() => resolveConfig({}, { DATABASE_URL: url, SIGHTLINE_DATA_FILE: '/tmp/a.db' })).toThrow(
      /give only one store/,
    );
  });

  it.each([
    [{ port: 70000 }, {}, /--port must be an integer from 0 to 65535 \(got 70000\)/],
    [{}, { SIGHTLINE_PORT: 'http' }, /SIGHTLINE_PORT must be an integer/],
    [
      {},
      { SIGHTLINE_LOG_LEVEL: 'verbose' },
      /SIGHTLINE_LOG_LEVEL must be one of silent, error, warn, info, debug/,
    ],
    [{}, { SIGHTLINE_REQUIRE_CURRENCY: 'maybe' }, /SIGHTLINE_REQUIRE_CURRENCY must be true or false/],
    [{ rateLimitPerMinute: -1 }, {}, /--rate-limit must be an integer/],
    [{ timestampWindowDays: 0 }, {}, /--timestamp-window-days must be an integer from 1/],
    [{}, { DATABASE_URL: 'mysql://x' }, /must start with postgres:\/\//],
    [
      {},
      { DATABASE_URL: 'postgres://x/y', SIGHTLINE_PG_SCHEMA: 'Bad-Name' },
      /SIGHTLINE_PG_SCHEMA must be a lower-case SQL identifier/,
    ],
    [{}, { SIGHTLINE_SQLITE_SYNCHRONOUS: 'OFF' }, /must be one of NORMAL, FULL/],
  ])('refuses %o / %o with CONFIG_INVALID naming the source', (options, env, message) => {
    let thrown: unknown;
    try {
      resolveConfig(options as never, env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CollectorError);
    expect((thrown as CollectorError).code).toBe('CONFIG_INVALID');
    expect((thrown as CollectorError).describe()).toMatch(message);
    expect((thrown as CollectorError).describe()).toMatch(/Fix: .*docs\/configuration\.md/);
  });

  it('masks secrets when describing the configuration', () => {
    expect(maskUrl('postgres://user:s3cret@db:5432/x')).toBe('postgres://user:***@db:5432/x');
    expect(maskUrl('postgres://db/x')).toBe('postgres://db/x');
    const described = JSON.stringify(
      describeConfig(resolveConfig({}, { DATABASE_URL: 'postgresql://app:p%40ss@db/x' })),
    );
    expect(described).not.toContain('p%40ss');
    expect(described).toContain('postgresql://app:***@db/x');
  });
});
