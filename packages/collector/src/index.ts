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
