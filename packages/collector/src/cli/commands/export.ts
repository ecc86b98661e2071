import { once } from 'node:events';
import { closeSync, createWriteStream, openSync } from 'node:fs';
import { CollectorError } from '../../http/error-registry.js';
import type { EntryQuery, StoredEntry } from '../../store/event-store.js';
import {
  type CliIo,
  type Command,
  line,
  parseFlags,
  STORE_FLAG_ROWS,
  STORE_FLAGS,
  usageError,
  withStore,
} from '../command.js';
import { createOutputWriter } from '../output-writer.js';
import { renderProgress } from '../progress.js';
import { HELP_ROW, optionList } from '../usage.js';

const USAGE = `Usage: sightline export [options]

Writes stored events, oldest first, as NDJSON (one JSON object a line) or CSV.

Options:
${optionList([
  ['--format <ndjson|csv>', 'output format (default ndjson)'],
  ['--output <path>', 'write to a file instead of stdout'],
  ['--app <id>', 'only this application (default: all)'],
  ['--status <s>', 'accepted (default), rejected or all'],
  ...STORE_FLAG_ROWS,
  HELP_ROW,
])}

A progress bar is drawn on stderr when it is a terminal.

Examples:
  sightline export > events.ndjson
  sightline export --format csv --output events.csv --app ABCDEFGHIJ`;

/**
 * CSV columns, in order. Arrays and objects are JSON (`["a","b"]`): a separator such as "|" would be
 * ambiguous when a value contains it. The full payload is in the last column.
 */
export const CSV_COLUMNS = [
  'id',
  'appId',
  'requestId',
  'receivedAt',
  'status',
  'accepted',
  'eventType',
  'eventSubtype',
  'eventName',
  'index',
  'userToken',
  'authenticatedUserToken',
  'queryID',
  'objectIDs',
  'positions',
  'filters',
  'timestamp',
  'device',
  'errors',
  'event',
] as const;

/**
 * Cells a spreadsheet would run as a formula: starting with = + - @, or a tab or CR (OWASP's CSV
 * injection list). They get a leading `'`, which spreadsheets show as text. NDJSON is left as sent:
 * no spreadsheet evaluates it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: RFC 4180 quoting, formula neutralising, JSON for arrays and objects. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line of an entry. */
export function toCsvLine(entry: StoredEntry): string {
  const e = (typeof entry.event === 'object' && entry.event !== null ? entry.event : {}) as Record<
    string,
    unknown
  >;
  const cells: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id: entry.id,
    appId: entry.appId,
    requestId: entry.requestId,
    receivedAt: entry.receivedAt,
    status: entry.status,
    accepted: entry.accepted,
    eventType: e.eventType,
    eventSubtype: e.eventSubtype,
    eventName: e.eventName,
    index: e.index,
    userToken: e.userToken,
    authenticatedUserToken: e.authenticatedUserToken,
    queryID: e.queryID,
    objectIDs: e.objectIDs,
    positions: e.positions,
    filters: e.filters,
    timestamp: e.timestamp,
    device: entry.device,
    errors: entry.errors.map((issue) => issue.code),
    event: entry.event === null ? null : JSON.stringify(entry.event),
  };
  return CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',');
}

const PAGE = 1000;

/** Opens --output now, so a bad path is a coded error rather than a stream error after the fact. */
function openOutput(path: string): NodeJS.WritableStream {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'its folder does not exist'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : (error as Error).message;
    throw new CollectorError('OUTPUT_FAILED', `Cannot write ${path}: ${why}.`);
  }
  try {
    return createWriteStream('', { fd });
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** `sightline export`. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'export stored events as NDJSON or CSV',
  usage: USAGE,
  async run(argv: string[], io: CliIo) {
    const { values, positionals } = parseFlags('export', argv, {
      ...STORE_FLAGS,
      format: { type: 'string' },
      output: { type: 'string' },
      app: { type: 'string' },
      status: { type: 'string' },
    });
    if (values.help) {
      line(io.stdout, USAGE);
      return 0;
    }
    if (positionals.length > 0)
      throw usageError(
        'export',
        `Unexpected argument ${JSON.stringify(positionals[0])} for sightline export.`,
      );
    const format = values.format ?? 'ndjson';
    if (format !== 'ndjson' && format !== 'csv')
      throw usageError('export', `--format must be ndjson or csv (got ${format}).`);
    const status = values.status ?? 'accepted';
    if (status !== 'accepted' && status !== 'rejected' && status !== 'all') {
      throw usageError('export', `--status must be accepted, rejected or all (got ${status}).`);
    }
    return withStore(
      values,
      io,
      async (store) => {
        const appId = values.app ?? null;
        if (appId !== null && !(await store.listApps()).some((a) => a.appId === appId)) {
          throw new CollectorError('CLI_NOT_FOUND', `No application ${appId}.`);
        }
        const filter: Omit<EntryQuery, 'limit'> = {
          status: status === 'all' ? undefined : status,
          order: 'asc',
        };
        const total = await store.countEntries(appId, filter);
        const out = values.output ? openOutput(values.output) : io.stdout;
        const showProgress = io.stderr.isTTY === true;
        const writer = createOutputWriter(out);
        let done = 0;
        let after: number | undefined;
        let writing = format === 'csv' ? await writer.write(`${CSV_COLUMNS.join(',')}\n`) : true;
        while (writing) {
          const page = await store.listEntries(appId, { ...filter, after, limit: PAGE });
          if (page.length === 0) break;
          let chunk = '';
          for (const entry of page)
            chunk += format === 'csv' ? `${toCsvLine(entry)}\n` : `${JSON.stringify(entry)}\n`;
          writing = await writer.write(chunk);
          done += page.length;
          after = page[page.length - 1]!.id;
          if (showProgress) io.stderr.write(`\r${renderProgress(done, total)}`);
        }
        if (showProgress) io.stderr.write('\n');
        // The reader of stdout stopped reading (`| head`): it has what it wanted, not a failure.
        if (out === io.stdout && writer.readerGone) return 0;
        if (out !== io.stdout && !writer.failure) {
          out.end();
          await once(out, 'finish').catch(() => undefined);
        }
        if (writer.failure) {
          const where = out === io.stdout ? 'stdout' : values.output;
          throw new CollectorError('OUTPUT_FAILED', `Writing to ${where} failed: ${writer.failure.message}.`);
        }
        if (out !== io.stdout)
          line(io.stderr, `Exported ${done} ${done === 1 ? 'event' : 'events'} to ${values.output}.`);
        return 0;
      },
      { mustExist: true },
    );
  },
};
