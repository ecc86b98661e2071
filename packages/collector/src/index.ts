export type { Acl } from './apps/api-keys.js';
export type { BootstrapCredentials } from './apps/bootstrap.js';
export {
  type CollectorOptions,
  DEFAULTS,
  type ResolvedConfig,
  resolveConfig,
} from './config/resolve-config.js';
export { COLLECTOR_ERRORS, CollectorError, type CollectorErrorCode } from './http/error-registry.js';
export type { LogLevel } from './log/logger.js';
export { type DatasetOptions, generateDataset } from './replay/generate-dataset.js';
export { loadQueries, type PopularQuery } from './replay/queries.js';
export { type ReplayOptions, type ReplaySummary, replayTraffic } from './replay/replay-traffic.js';
export type { ShopperModel } from './replay/shopper-model.js';
export { newQueryID } from './searches/query-id.js';
export { type RunningCollector, type StartCollectorOptions, startCollector } from './start-collector.js';
export type {
  AppRecord,
  DebuggerEntry,
  DeviceClass,
  EntryIssue,
  EntryQuery,
  EventStore,
  KeyRecord,
  RecordedHeaders,
  StoredEntry,
  TrackedSearch,
} from './store/event-store.js';
export { openStore } from './store/open-store.js';
