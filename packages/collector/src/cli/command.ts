import { existsSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type CollectorOptions, resolveConfig } from '../config/resolve-config.js';
import { CollectorError } from '../http/error-registry.js';
import type { EventStore } from '../store/event-store.js';
import { openStore } from '../store/open-store.js';
import { helpFix, type OptionRow } from './usage.js';

/** Where a command writes: injected so commands stay testable and never touch globals directly. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

/** One `sightline` command. `run` resolves to the exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags that choose the store, shared by every command that opens it. */
export const STORE_FLAGS = {
  'data-file': { type: 'string' },
  'database-url': { type: 'string' },
  'pg-schema': { type: 'string' },
} as const satisfies Options;

/** Help rows of {@link STORE_FLAGS}. */
export const STORE_FLAG_ROWS: readonly OptionRow[] = [
  ['--data-file <path>', 'SQLite file (env SIGHTLINE_DATA_FILE, default .data/sightline.db)'],
  ['--database-url <url>', 'PostgreSQL URL instead of SQLite (env DATABASE_URL)'],
  ['--pg-schema <name>', 'PostgreSQL schema (env SIGHTLINE_PG_SCHEMA, default public)'],
];

/** A bad command line of `command`: CLI_USAGE, with that command's `--help` as the fix. */
export function usageError(command: string, detail: string): CollectorError {
  return new CollectorError('CLI_USAGE', detail, helpFix(command));
}

/**
 * Parses the flags of `command` strictly; a bad flag becomes a CLI_USAGE error that names the flag
 * and the command (Node's own wording tells how to pass a positional starting with "-", which is
 * never what was meant). `--help` is always accepted.
 */
export function parseFlags<O extends Options>(
  command: string,
  argv: string[],
  options: O,
  allowPositionals = false,
) {
  const config = {
    args: argv,
    options: { ...options, help: { type: 'boolean', short: 'h' } } as O & {
      help: { type: 'boolean'; short: 'h' };
    },
    allowPositionals: true,
    strict: true,
  } as const;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    throw usageError(command, flagProblem(command, argv, config.options) ?? (error as Error).message);
  }
  if (!allowPositionals && parsed.positionals.length > 0 && !(parsed.values as { help?: boolean }).help) {
    throw usageError(
      command,
      `Unexpected argument ${JSON.stringify(parsed.positionals[0])} for sightline ${command}.`,
    );
  }
  return parsed;
}

/** What is wrong with the first bad flag of `argv`, in words; null when it cannot tell. */
function flagProblem(command: string, argv: string[], options: Options): string | null {
  const { tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const known = options[token.name];
    const flag = token.rawName;
    if (!known) return `Unknown option ${flag} for sightline ${command}.`;
    if (known.type === 'boolean' && token.inlineValue)
      return `Option ${flag} of sightline ${command} takes no value (got ${flag}=${token.value}).`;
    if (known.type === 'string' && token.value === undefined)
      return `Option ${flag} of sightline ${command} needs a value.`;
    if (known.type === 'string' && !token.inlineValue && token.value?.startsWith('-'))
      return `Option ${flag} of sightline ${command} needs a value (got ${token.value}; a value starting with "-" is written ${flag}=${token.value}).`;
  }
  return null;
}

/** The store options given as flags, in {@link CollectorOptions} form. */
export function storeOptions(values: Record<string, unknown>): CollectorOptions {
  const options: CollectorOptions = {};
  if (typeof values['data-file'] === 'string') options.dataFile = values['data-file'];
  if (typeof values['database-url'] === 'string') options.databaseUrl = values['database-url'];
  if (typeof values['pg-schema'] === 'string') options.pgSchema = values['pg-schema'];
  return options;
}

/**
 * Opens the store named by flags and env, runs `work`, and always closes it. With `mustExist`
 * (commands that only read, or delete), a missing SQLite file is an error instead of a new empty
 * store: a typo in --data-file must not look like "no data". Failures to open are coded errors.
 */
export async function withStore<T>(
  values: Record<string, unknown>,
  io: CliIo,
  work: (store: EventStore) => Promise<T>,
  {
    mustExist = false,
    bulkLoadNewFile = false,
  }: {
    mustExist?: boolean;
    /** A SQLite file that does not exist yet is a throwaway: fill it in unsafe bulk-load mode. */
    bulkLoadNewFile?: boolean;
  } = {},
): Promise<T> {
  const config = resolveConfig(storeOptions(values), io.env);
  const fileExists = config.store.kind === 'sqlite' && existsSync(config.store.dataFile);
  if (mustExist && config.store.kind === 'sqlite' && !fileExists)
    throw new CollectorError('DATA_FILE_MISSING', `No file at ${config.store.dataFile}.`);
  let store: EventStore;
  try {
    store = await openStore(
      config.store.kind === 'sqlite' && bulkLoadNewFile && !fileExists
        ? { ...config.store, unsafeBulkLoad: true }
        : config.store,
    );
  } catch (error) {
    throw storeOpenError(error, config.store.kind === 'sqlite' ? config.store.dataFile : 'PostgreSQL');
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** A coded error for a store that failed to open (a junk file, a folder, no permission, no server). */
export function storeOpenError(error: unknown, where: string): CollectorError {
  if (error instanceof CollectorError) return error;
  return new CollectorError('STORE_OPEN_FAILED', `${where}: ${(error as Error)?.message ?? String(error)}.`);
}

/** The application a command acts on: `--app`, or the only one there is. */
export async function chooseApp(store: EventStore, given: unknown): Promise<string> {
  const apps = await store.listApps();
  if (typeof given === 'string') {
    if (!apps.some((a) => a.appId === given))
      throw new CollectorError('CLI_NOT_FOUND', `No application ${given}.`);
    return given;
  }
  if (apps.length === 1) return apps[0]!.appId;
  throw new CollectorError(
    'CLI_USAGE',
    apps.length === 0
      ? 'The store has no application yet.'
      : `There are ${apps.length} applications: name one with --app.`,
  );
}

/** Writes a line. */
export function line(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
