import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CollectorError } from '../../http/error-registry.js';
import { loadQueries } from '../../replay/queries.js';
import { replayTraffic } from '../../replay/replay-traffic.js';
import { SHOPPER_DEFAULTS } from '../../replay/shopper-model.js';
import { type CliIo, type Command, line, parseFlags } from '../command.js';

const DEFAULT_URL = 'http://127.0.0.1:8420';
const DEFAULT_CREDENTIALS = '.data/credentials.json';

const USAGE = `Usage: sightline replay [options]

Simulated shoppers of the demo shop against a running collector: each reports tracked searches
(POST /1/searches) with the real query popularity of examples/demo/data/queries.json and the hit
counts the shop shows, then clicks the shop's products (skewed to the top results) and converts
through the real client (@sightline/insights). Deterministic for a seed; nothing is sent anywhere
but --url.

Options:
  --url <origin>                 collector (default ${DEFAULT_URL})
  --app-id <id>                  application ID (default: from --credentials-file)
  --api-key <key>                key with the search ACL (default: searchKey of --credentials-file)
  --credentials-file <path>      JSON {appId, searchKey} as written by serve (default ${DEFAULT_CREDENTIALS})
  --shoppers <n>                 simulated shoppers, 1–10000 (default 20)
  --searches-per-shopper <n>     1–100 (default 3)
  --click-rate <0..1>            share of searches with a click (default ${SHOPPER_DEFAULTS.clickRate})
  --conversion-rate <0..1>       share of searches ending in a conversion (default ${SHOPPER_DEFAULTS.conversionRate})
  --purchase-share <0..1>        share of conversions that are purchases (default ${SHOPPER_DEFAULTS.purchaseShare})
  --currency <ISO>               purchase currency (default ${SHOPPER_DEFAULTS.currency})
  --index <name>                 index of searches and events (default demo_products)
  --queries <path>               query popularity file, also the shop catalog's source (default examples/demo/data/queries.json)
  --seed <n>                     same seed, same traffic (default 1)
  -h, --help                     show this help

Examples:
  sightline replay --shoppers 50 --seed 7
  sightline replay --url http://127.0.0.1:4280 --app-id ABC --api-key <search key> --conversion-rate 0.3`;

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) {
    throw new CollectorError('CLI_USAGE', `${flag} must be a number (got ${JSON.stringify(value)}).`);
  }
  return n;
}

function credentials(values: Record<string, string | boolean | undefined>) {
  let appId = values['app-id'] as string | undefined;
  let apiKey = values['api-key'] as string | undefined;
  if (appId === undefined || apiKey === undefined) {
    const file = resolve((values['credentials-file'] as string | undefined) ?? DEFAULT_CREDENTIALS);
    if (existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { appId?: string; searchKey?: string };
      appId ??= saved.appId;
      apiKey ??= saved.searchKey;
    }
  }
  if (appId === undefined || apiKey === undefined) {
    throw new CollectorError(
      'CLI_USAGE',
      `Give --app-id and --api-key (a search key), or a --credentials-file (default ${DEFAULT_CREDENTIALS}).`,
    );
  }
  return { appId, apiKey };
}

/** `sightline replay`. */
export const replay: Command = {
  name: 'replay',
  summary: 'send simulated shopper traffic (searches, clicks, conversions) to a collector',
  usage: USAGE,
  async run(argv: string[], io: CliIo) {
    const { values } = parseFlags(argv, {
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
    const { appId, apiKey } = credentials(values);
    try {
      const summary = await replayTraffic({
        url: values.url ?? DEFAULT_URL,
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
      });
      line(io.stdout, JSON.stringify(summary));
      line(
        io.stderr,
        `Replayed ${summary.shoppers} shoppers: ${summary.searches} searches, ${summary.clicks} clicks, ${summary.addToCarts} add-to-carts, ${summary.purchases} purchases.`,
      );
      return summary.failed === 0 ? 0 : 1;
    } catch (error) {
      if (error instanceof RangeError) throw new CollectorError('CLI_USAGE', error.message);
      throw error;
    }
  },
};
