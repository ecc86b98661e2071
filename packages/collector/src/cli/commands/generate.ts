import { bootstrapStore } from '../../apps/bootstrap.js';
import { generateDataset } from '../../replay/generate-dataset.js';
import { loadQueries } from '../../replay/queries.js';
import {
  type CliIo,
  type Command,
  chooseApp,
  line,
  parseFlags,
  STORE_FLAG_ROWS,
  STORE_FLAGS,
  usageError,
  withStore,
} from '../command.js';
import { renderProgress } from '../progress.js';
import { HELP_ROW, optionList } from '../usage.js';

const USAGE = `Usage: sightline generate --events <n> [options]

Writes a synthetic data set straight into the store (no HTTP): tracked searches with the demo's
query popularity, clicks, add-to-carts and purchases, spread over the last days. For benchmark
stores of millions of events. Deterministic for a seed. A SQLite file that does not exist yet is
filled in unsafe bulk-load mode (no journal, no fsync, indexes and analytics rollups built at the
end): fast, but a crash mid-way leaves a file to throw away.

Options:
${optionList([
  ['--events <n>', 'events to write (required; searches come on top, about one per event)'],
  ['--days <n>', 'days to spread them over, ending now (default 7)'],
  ['--index <name>', 'index (default demo_products)'],
  ['--app <id>', 'application (default: the only one; an empty store gets one, keys on stderr)'],
  ['--queries <path>', 'query popularity file (default examples/demo/data/queries.json)'],
  ['--seed <n>', 'default 1'],
  ...STORE_FLAG_ROWS,
  HELP_ROW,
])}

Examples:
  sightline generate --events 1000000 --data-file /tmp/bench.db`;

function integer(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw usageError('generate', `${flag} must be an integer from ${min} to ${max} (got ${value}).`);
  }
  return n;
}

/** `sightline generate`. */
export const generate: Command = {
  name: 'generate',
  summary: 'write a synthetic data set into the store (benchmarks)',
  usage: USAGE,
  async run(argv: string[], io: CliIo) {
    const { values } = parseFlags('generate', argv, {
      ...STORE_FLAGS,
      events: { type: 'string' },
      days: { type: 'string' },
      index: { type: 'string' },
      app: { type: 'string' },
      queries: { type: 'string' },
      seed: { type: 'string' },
    });
    if (values.help) {
      line(io.stdout, USAGE);
      return 0;
    }
    const events = integer('--events', values.events, 1, 1e9);
    if (events === undefined) throw usageError('generate', '--events is required.');
    return withStore(
      values,
      io,
      async (store) => {
        // An empty store (a fresh benchmark file) gets its application and keys first, shown once.
        const boot = values.app === undefined ? await bootstrapStore(store) : null;
        if (boot) {
          line(
            io.stderr,
            `New application ${boot.appId}: search key ${boot.searchKey}, admin key ${boot.adminKey}`,
          );
        }
        const appId = await chooseApp(store, values.app);
        const showProgress = io.stderr.isTTY === true;
        const result = await generateDataset(store, {
          appId,
          events,
          days: integer('--days', values.days, 1, 3650),
          index: values.index,
          seed: integer('--seed', values.seed, 0, 2 ** 31),
          queries: values.queries === undefined ? undefined : loadQueries(values.queries),
          batchSize: 20_000,
          onProgress: showProgress ? (n) => io.stderr.write(`\r${renderProgress(n, events)}`) : undefined,
        });
        if (showProgress) io.stderr.write('\n');
        line(io.stdout, JSON.stringify(result));
        return 0;
      },
      { bulkLoadNewFile: true },
    );
  },
};
