import { resolve } from 'node:path';
import { readCredentialsFile, type SavedCredentials } from '../../apps/credentials-file.js';
import { CollectorError } from '../../http/error-registry.js';
import { loadQueries } from '../../replay/queries.js';
import { type ReplayOptions, type ReplaySummary, replayTraffic } from '../../replay/replay-traffic.js';
import { SHOPPER_DEFAULTS } from '../../replay/shopper-model.js';
import { type CliIo, type Command, line, parseFlags, usageError } from '../command.js';
import { HELP_ROW, optionList } from '../usage.js';

const DEFAULT_URL = 'http://127.0.0.1:8420';
const DEFAULT_CREDENTIALS = '.data/credentials.json';

const USAGE = `Usage: sightline replay [options]

Simulated shoppers of the demo shop against a running collector: each reports tracked searches
(POST /1/searches) with the real query popularity of examples/demo/data/queries.json and the hit
counts the shop shows, then clicks the shop's products (skewed to the top results) and converts
through the real client (@sightline/insights). Deterministic for a seed; nothing is sent anywhere
but --url.

Options:
${optionList([
  ['--url <origin>', `collector (default: the "url" of --credentials-file, else ${DEFAULT_URL})`],
  ['--app-id <id>', 'application ID (default: from --credentials-file)'],
  ['--api-key <key>', 'key with the search ACL (default: searchKey of --credentials-file)'],
  [
    '--credentials-file <path>',
    `JSON {appId, searchKey, url} as written by npm start and serve (default ${DEFAULT_CREDENTIALS})`,
  ],
  ['--shoppers <n>', 'simulated shoppers, 1–10000 (default 20)'],
  ['--searches-per-shopper <n>', '1–100 (default 3)'],
  ['--click-rate <0..1>', `share of searches with a click (default ${SHOPPER_DEFAULTS.clickRate})`],
  [
    '--conversion-rate <0..1>',
    `share of searches ending in a conversion (default ${SHOPPER_DEFAULTS.conversionRate})`,
  ],
  [
    '--purchase-share <0..1>',
    `share of conversions that are purchases (default ${SHOPPER_DEFAULTS.purchaseShare})`,
  ],
  ['--currency <ISO>', `purchase currency (default ${SHOPPER_DEFAULTS.currency})`],
  ['--index <name>', 'index of searches and events (default demo_products)'],
  [
    '--queries <path>',
    "query popularity file, also the shop catalog's source (default examples/demo/data/queries.json)",
  ],
  ['--seed <n>', 'same seed, same traffic (default 1)'],
  HELP_ROW,
])}

After npm start, "sightline replay" needs no option: .data/credentials.json holds the keys and
the collector's URL. An explicit --url, --app-id or --api-key wins over the file.

Examples:
  sightline replay --shoppers 50 --seed 7
  sightline replay --url http://127.0.0.1:4280 --app-id ABC --api-key <search key> --conversion-rate 0.3`;

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) {
    throw usageError('replay', `${flag} must be a number (got ${JSON.stringify(value)}).`);
  }
  return n;
}

/** "1 shopper", "2 shoppers". */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Where the replay goes and as whom: flags first, then the credentials file (written by `npm start`
 * or `serve --credentials-file`, with the URL of the collector its keys belong to), then the default
 * URL. `from` says where the URL came from, for the line that announces the replay.
 */
function target(values: {
  url?: string;
  'app-id'?: string;
  'api-key'?: string;
  'credentials-file'?: string;
}) {
  const given = values['credentials-file'];
  const file = resolve(given ?? DEFAULT_CREDENTIALS);
  let saved: SavedCredentials | null = null;
  if (values.url === undefined || values['app-id'] === undefined || values['api-key'] === undefined) {
    try {
      saved = readCredentialsFile(file);
    } catch (error) {
      throw usageError('replay', `${file} is not a credentials file: ${(error as Error).message}.`);
    }
    if (saved === null && given !== undefined) throw usageError('replay', `No credentials file at ${file}.`);
  }
  const appId = values['app-id'] ?? saved?.appId;
  const apiKey = values['api-key'] ?? saved?.searchKey;
  if (appId === undefined || apiKey === undefined) {
    throw usageError(
      'replay',
      `Give --app-id and --api-key (a search key), or a --credentials-file (default ${DEFAULT_CREDENTIALS}, written by npm start).`,
    );
  }
  const url = values.url ?? saved?.url ?? DEFAULT_URL;
  if (!/^https?:$/.test(URL.canParse(url) ? new URL(url).protocol : '')) {
    const where = values.url === undefined ? ` (the "url" of ${file})` : '';
    throw usageError('replay', `--url must be http(s)://host:port (got ${JSON.stringify(url)}${where}).`);
  }
  const from = values.url !== undefined ? '--url' : saved?.url !== undefined ? `url of ${file}` : 'default';
  return { appId, apiKey, url, from };
}

/** `sightline replay`. */
export const replay: Command = {
  name: 'replay',
  summary: 'send simulated shopper traffic (searches, clicks, conversions) to a collector',
  usage: USAGE,
  async run(argv: string[], io: CliIo) {
    const { values } = parseFlags('replay', argv, {
      url: { type: 'string' },
      'app-id': { type: 'string' },
      'api-key': { type: 'string' },
      'credentials-file': { type: 'string' },
      shoppers: { type: 'string' },
      'searches-per-shopper': { type: 'string' },
      'click-rate': { type: 'string' },
      'conversion-rate': { type: 'string' },
      'purchase-share': { type: 'string' },
      currency: { type: 'string' },
      index: { type: 'string' },
      queries: { type: 'string' },
      seed: { type: 'string' },
    });
    if (values.help) {
      line(io.stdout, USAGE);
      return 0;
    }
    const { appId, apiKey, url, from } = target(values);
    const options: ReplayOptions = {
      url,
      appId,
      apiKey,
      shoppers: number('--shoppers', values.shoppers),
      searchesPerShopper: number('--searches-per-shopper', values['searches-per-shopper']),
      clickRate: number('--click-rate', values['click-rate']),
      conversionRate: number('--conversion-rate', values['conversion-rate']),
      purchaseShare: number('--purchase-share', values['purchase-share']),
      currency: values.currency,
      index: values.index,
      seed: number('--seed', values.seed),
      queries: values.queries === undefined ? undefined : loadQueries(values.queries),
    };
    line(io.stderr, `Replaying to ${url} (${from})…`);
    let summary: ReplaySummary;
    try {
      summary = await replayTraffic(options);
    } catch (error) {
      if (error instanceof RangeError) throw usageError('replay', error.message);
      throw error;
    }
    line(io.stdout, JSON.stringify(summary));
    line(
      io.stderr,
      `Replayed ${count(summary.shoppers, 'shopper')}: ${count(summary.searches, 'search', 'searches')}, ${count(summary.clicks, 'click')}, ${count(summary.addToCarts, 'add-to-cart')}, ${count(summary.purchases, 'purchase')}.`,
    );
    if (summary.failed > 0) {
      const sent = summary.failed + summary.clicks + summary.addToCarts + summary.purchases;
      throw new CollectorError(
        'REPLAY_EVENTS_REFUSED',
        `${summary.failed} of ${count(sent, 'event')} were not accepted.`,
      );
    }
    return 0;
  },
};
