/** One tracked search, as the collector's `POST /1/searches` takes it. */
export interface TrackedSearch {
  queryID: string;
  index: string;
  query: string;
  nbHits: number;
  userToken?: string;
  /** Milliseconds since the Unix epoch. */
  timestamp: number;
  /** Analytics tags, which the Analytics API's `tags=` segments filter on. */
  analyticsTags?: string[];
}

/** Reports tracked searches to the collector without ever failing a search. */
export interface SearchReporter {
  /** Sends one search; failures are logged, never thrown. */
  report(search: TrackedSearch): void;
  /** Resolves once every report sent so far has finished (for a graceful stop). */
  settle(): Promise<void>;
}

/**
 * Posts each search to `<collectorUrl>/1/searches`, so the collector can tie clicks and
 * conversions to real searches (CTR, conversion rate, revenue). The shop keeps working when the
 * collector is down: a report that fails is only logged.
 */
export function createSearchReporter(config: {
  collectorUrl: string;
  appId: string;
  apiKey: string;
  log: (line: string) => void;
}): SearchReporter {
  const pending = new Set<Promise<void>>();
  const endpoint = `${config.collectorUrl}/1/searches`;
  return {
    report(search) {
      const sending = fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-algolia-application-id': config.appId,
          'x-algolia-api-key': config.apiKey,
        },
        body: JSON.stringify({ searches: [search] }),
      })
        .then(async (response) => {
          if (!response.ok) {
            const body = (await response.text()).slice(0, 300);
            config.log(`search report refused: HTTP ${response.status} from ${endpoint}: ${body}`);
          } else {
            await response.body?.cancel();
          }
        })
        .catch((error: unknown) => {
          config.log(`search report failed: ${endpoint}: ${error instanceof Error ? error.message : error}`);
        })
        .finally(() => pending.delete(sending));
      pending.add(sending);
    },
    async settle() {
      await Promise.all([...pending]);
    },
  };
}
