import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveValidationOptions } from '@sightline/events';
import { type BootstrapCredentials, bootstrapStore } from './apps/bootstrap.js';
import { saveCredentialsFile } from './apps/credentials-file.js';
import {
  type CollectorOptions,
  describeConfig,
  type ResolvedConfig,
  resolveConfig,
} from './config/resolve-config.js';
import { createAuthenticator } from './http/auth.js';
import { createHandler } from './http/create-handler.js';
import { createRateLimiter } from './http/rate-limit.js';
import type { Services } from './http/router.js';
import { ROUTES } from './http/routes/index.js';
import { createLogger, type LogSink } from './log/logger.js';
import { type PurgeResult, startRetention } from './retention/purge-expired.js';
import type { EventStore } from './store/event-store.js';
import { openStore } from './store/open-store.js';

/** Options of {@link startCollector}: the configuration plus hooks for embedding and tests. */
export interface StartCollectorOptions extends CollectorOptions {
  /** Environment to read settings from. @default process.env */
  env?: Record<string, string | undefined>;
  /** Where JSON log lines go. @default stdout */
  logSink?: LogSink;
}

/** A running collector. */
export interface RunningCollector {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  url: string;
  port: number;
  /** The first-start credentials when this start bootstrapped an empty store, else null. */
  bootstrap: BootstrapCredentials | null;
  /** The configuration it runs with. */
  config: ResolvedConfig;
  /** The open store (for embedding: CLI-like management in-process). */
  store: EventStore;
  /** Purges what is older than `retentionDays` now (it also runs at start and periodically). */
  purgeExpired(): Promise<PurgeResult>;
  /** Graceful stop: refuses new connections, lets in-flight requests finish, closes the store. */
  close(): Promise<void>;
}

/**
 * Starts the collector: resolves the configuration once (options > env > defaults), opens the
 * store, listens, then bootstraps an empty store. Logs the resolved configuration (secrets masked).
 */
export async function startCollector(options: StartCollectorOptions = {}): Promise<RunningCollector> {
  const { env, logSink, ...collectorOptions } = options;
  const config = resolveConfig(collectorOptions, env ?? process.env);
  const logger = createLogger(config.logLevel, logSink);
  logger.info('config', { config: describeConfig(config) });
  const store = await openStore(config.store);

  const validationDefaults = {
    maxTimestampAgeMs: config.timestampWindowDays * 86_400_000,
    maxFutureSkewMs: config.futureSkewSeconds * 1000,
    maxFilters: config.maxFilters,
    requireCurrency: config.requireCurrency,
  };
  const services: Services = {
    store,
    config,
    logger,
    auth: createAuthenticator(store, config.keyCacheSeconds * 1000),
    validation: (now) => resolveValidationOptions({ ...validationDefaults, now }),
  };
  const handler = createHandler(ROUTES, services, createRateLimiter(config.rateLimitPerMinute));

  let inFlight = 0;
  let closing = false;
  const server: Server = createServer((req, res) => {
    inFlight++;
    if (closing) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight--;
      if (closing) server.closeIdleConnections();
    });
    void handler(req, res);
  });
  // Keep-alive longer than typical load balancers' idle timeouts avoids races on reused sockets.
  server.keepAliveTimeout = 65_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  // Only once the port is ours: a start that fails to listen must not create credentials that are
  // never shown (the next start would find a non-empty store and print none). A request in between
  // finds no key yet and gets a 401.
  let bootstrap: BootstrapCredentials | null;
  try {
    bootstrap = await bootstrapStore(store);
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    throw error;
  }
  if (bootstrap) logger.info('bootstrapped an empty store', { appId: bootstrap.appId });
  const retention = startRetention({
    store,
    retentionDays: config.retentionDays,
    intervalMs: config.purgeIntervalMinutes * 60_000,
    logger,
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`;
  logger.info('listening', { url });
  // The keys of a new store, or the URL of this start (`sightline replay` reads both from there).
  if (config.credentialsFile) saveCredentialsFile(config.credentialsFile, url, bootstrap);

  let closed: Promise<void> | null = null;
  return {
    url,
    port,
    bootstrap,
    config,
    store,
    purgeExpired: () => retention.runNow(),
    close() {
      closed ??= (async () => {
        closing = true;
        logger.info('shutting down', { inFlight });
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // A keep-alive socket turns idle only after its last response is flushed; sweep until all are gone.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const timer = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
        await stopped;
        clearInterval(sweep);
        clearTimeout(timer);
        await retention.stop();
        await store.close();
        logger.info('stopped');
      })();
      return closed;
    },
  };
}
