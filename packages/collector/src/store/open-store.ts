import type { ResolvedConfig } from '../config/resolve-config.js';
import type { EventStore } from './event-store.js';
import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

/** Opens the store the configuration names: SQLite by default, PostgreSQL when a URL is given. */
export async function openStore(
  store: ResolvedConfig['store'] & { unsafeBulkLoad?: boolean },
): Promise<EventStore> {
  if (store.kind === 'postgres') {
    return openPostgresStore({
      databaseUrl: store.databaseUrl,
      schema: store.schema,
      poolSize: store.poolSize,
    });
  }
  return openSqliteStore({
    dataFile: store.dataFile,
    synchronous: store.synchronous,
    unsafeBulkLoad: store.unsafeBulkLoad,
  });
}
