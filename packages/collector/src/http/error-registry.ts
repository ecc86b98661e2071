/**
 * Every error the collector itself can answer with (HTTP) or stop with (config, CLI), in one table:
 * a stable code, the HTTP status, what went wrong and how to fix it. Event validation problems are
 * not here: they come from `@sightline/events` (`ISSUE_CODES`, documented in docs/validation.md).
 * docs/errors.md lists every code below; a test fails when one is missing. `plainText` marks the
 * 400s that answer in text/plain, as Algolia's "malformed request" page does (spec §4.1); every
 * other error is JSON `{"status":…,"message":…}`. `status: 0` marks config and CLI errors.
 */
export const COLLECTOR_ERRORS = {
  BODY_NOT_JSON: {
    status: 400,
    plainText: true,
    message: 'The request body is not valid JSON.',
    fix: 'send a JSON object such as {"events":[…]}.',
  },
  BODY_TOO_DEEP: {
    status: 400,
    plainText: true,
    message: 'The request body is nested too deeply (more than 64 levels of arrays and objects).',
    fix: 'flatten the extra fields of your events.',
  },
  BODY_GZIP_INVALID: {
    status: 400,
    plainText: true,
    message: 'The request body says content-encoding gzip or deflate but does not decompress.',
    fix: 'send the compressed bytes unchanged, or drop the content-encoding header.',
  },
  BODY_ENCODING_UNSUPPORTED: {
    status: 415,
    message: 'The request body uses a content-encoding the collector does not read.',
    fix: 'send the body uncompressed, or compressed with gzip or deflate.',
  },
  BODY_TOO_LARGE: {
    status: 413,
    message: 'The request body is 2 MB or more (after decompression).',
    fix: 'send fewer events per request (at most 1000) or drop large extra fields.',
  },
  AUTH_MISSING: {
    status: 401,
    message: 'The application ID or the API key is missing.',
    fix: 'send x-algolia-application-id and x-algolia-api-key as headers or query parameters.',
  },
  AUTH_INVALID_KEY: {
    status: 401,
    message: 'The API key is unknown or has been revoked.',
    fix: 'use a key listed by `sightline keys list`, or create one with `sightline keys create`.',
  },
  AUTH_APP_MISMATCH: {
    status: 403,
    message: 'The API key belongs to another application.',
    fix: 'send the application ID that the key was created for, exactly: application IDs are case-sensitive.',
  },
  AUTH_ACL_MISSING: {
    status: 403,
    message: 'The API key lacks the ACL this route needs.',
    fix: 'use a key with that ACL (`sightline keys create --acl …`) or an admin key.',
  },
  RATE_LIMITED: {
    status: 429,
    message: 'Too many requests for this API key.',
    fix: 'wait for the number of seconds in Retry-After, or raise --rate-limit.',
  },
  RATE_LIMITED_IP: {
    status: 429,
    message:
      'Too many requests from this IP address (search-only keys and failed authentications are limited per IP).',
    fix: 'wait for the number of seconds in Retry-After, or raise --rate-limit-per-ip (0 turns it off; behind a reverse proxy every visitor shares its address).',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    message: 'This path is not part of the Insights API served here.',
    fix: 'see docs/api.md for the routes: POST /1/events, DELETE /1/usertokens/{token}, GET /1/events, POST /1/searches, GET /api/events, /dashboard/; the Analytics API GET /2/… routes are in docs/analytics.md.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    message: 'This method is not allowed on this path.',
    fix: 'use one of the methods in the Allow header.',
  },
  USER_TOKEN_INVALID: {
    status: 422,
    message: 'The user token to delete is empty or too long.',
    fix: 'give the token exactly as it was sent, 1–512 characters (URL-encoded when it is part of a URL path).',
  },
  PATH_PARAM_INVALID: {
    status: 422,
    message: 'A segment of the request path is not valid.',
    fix: 'use the format docs/api.md gives for that route (entry IDs are whole numbers; URL-encode other segments, a literal % is %25).',
  },
  SEARCHES_INVALID: {
    status: 422,
    message: 'The tracked-searches body is not valid.',
    fix: 'send {"searches":[{"queryID":"<32 hex>","index":"…","query":"…","nbHits":0}]}, optionally with "userToken", "timestamp" (ms) and "analyticsTags":["platform:mobile", …].',
  },
  QUERY_PARAM_INVALID: {
    status: 400,
    message: 'A query-string parameter is not valid.',
    fix: 'correct the parameter named above; every parameter and its format: docs/analytics.md for /2/…, docs/api.md for /api/… and /1/….',
  },
  TAGS_INVALID: {
    status: 400,
    message:
      'The tags expression is not valid: it is tags joined by AND or OR (upper case; AND binds first), grouped with parentheses.',
    fix: 'write e.g. tags=platform:mobile or tags=(platform:mobile OR platform:desktop) AND lang:en, URL-encoding spaces, parentheses and % inside a tag (%20, %28, %29, %25).',
  },
  ENTRY_NOT_FOUND: {
    status: 404,
    message: 'No debugger entry with this ID exists for this application.',
    fix: 'take IDs from GET /api/events.',
  },
  SEARCH_NOT_FOUND: {
    status: 404,
    message: 'No tracked search with this queryID exists for this application.',
    fix: 'report searches with POST /1/searches before (or soon after) sending events that name their queryID.',
  },
  DASHBOARD_NOT_BUILT: {
    status: 503,
    message: 'dashboard not built: run npm run build',
    fix: 'run `npm run build` at the repository root, or point --dashboard-dir at a built dashboard.',
  },
  INTERNAL_ERROR: {
    status: 500,
    message: 'The collector failed while handling this request.',
    fix: 'retry; if it persists, read the collector log line with this request and report it.',
  },
  CONFIG_INVALID: {
    status: 0,
    message: 'A configuration value is not valid.',
    fix: 'correct the flag or environment variable named in the message (see docs/configuration.md).',
  },
  CLI_USAGE: {
    status: 0,
    message: 'The command line is not valid.',
    fix: 'run `sightline --help` (from the repository: `npm run sightline -- --help`) for the commands, and add `--help` after a command for its options.',
  },
  PORT_IN_USE: {
    status: 0,
    message: 'The collector cannot listen on this port.',
    fix: 'stop the other process, or choose a free port with --port or SIGHTLINE_PORT (0 picks any free one).',
  },
  DATA_FILE_MISSING: {
    status: 0,
    message: 'The SQLite data file does not exist.',
    fix: 'check --data-file / SIGHTLINE_DATA_FILE (the path `sightline serve` uses); read-only commands never create one.',
  },
  STORE_OPEN_FAILED: {
    status: 0,
    message: 'The store could not be opened.',
    fix: 'point --data-file at a Sightline SQLite file (or --database-url at a reachable PostgreSQL) and check its permissions.',
  },
  OUTPUT_FAILED: {
    status: 0,
    message: 'The output file could not be written.',
    fix: 'give --output a file path in an existing, writable folder (not a folder itself), or leave it out to write to stdout.',
  },
  CLI_NOT_FOUND: {
    status: 0,
    message: 'The application or key named on the command line does not exist.',
    fix: 'list them with `sightline apps list` or `sightline keys list`.',
  },
  REPLAY_UNREACHABLE: {
    status: 0,
    message: 'sightline replay could not reach the collector.',
    fix: 'start it (`npm start` serves on http://127.0.0.1:4280, `sightline serve` on http://127.0.0.1:8420) or give --url the origin it prints as "listening on".',
  },
  REPLAY_NOT_A_COLLECTOR: {
    status: 0,
    message: 'The server at --url answered, but not as a Sightline collector.',
    fix: "give --url the collector's origin only (scheme, host and port, no path), as `npm start` or `sightline serve` prints it.",
  },
  REPLAY_REFUSED: {
    status: 0,
    message: "The collector refused sightline replay's credentials.",
    fix: 'give --app-id and --api-key (a search key) of an application of this collector (`sightline apps list`, `sightline keys create --acl search`), or the --credentials-file written by the same collector.',
  },
  REPLAY_OVERLOADED: {
    status: 0,
    message: 'The collector kept shedding load (429 or 503) after every retry of sightline replay.',
    fix: "replay fewer shoppers, or start the collector with a higher --rate-limit-per-ip / --rate-limit (docs/configuration.md); on 503 read the collector's log.",
  },
  REPLAY_EVENTS_REFUSED: {
    status: 0,
    message: 'The collector did not accept some events of sightline replay (counted in "failed").',
    fix: 'open the events debugger of the dashboard (or GET /api/events?status=rejected with an admin key) to see why each was refused.',
  },
  REPLAY_FAILED: {
    status: 0,
    message: 'The collector answered a request of sightline replay with an error.',
    fix: "act on the collector's message quoted here; its log line for the request has the details.",
  },
} as const satisfies Record<string, { status: number; message: string; fix: string; plainText?: boolean }>;

/** A stable code of a collector error. */
export type CollectorErrorCode = keyof typeof COLLECTOR_ERRORS;

/** A collector error carrying its code, status and fix; `detail` says what exactly was wrong. */
export class CollectorError extends Error {
  readonly code: CollectorErrorCode;
  readonly status: number;
  readonly fix: string;
  readonly plainText: boolean;

  /** `fix` replaces the registry's fix when the caller knows a more precise one (e.g. which `--help`). */
  constructor(code: CollectorErrorCode, detail?: string, fix?: string) {
    const entry = COLLECTOR_ERRORS[code];
    super(detail ? `${entry.message} ${detail}` : entry.message);
    this.name = 'CollectorError';
    this.code = code;
    this.status = entry.status;
    this.fix = fix ?? entry.fix;
    this.plainText = 'plainText' in entry && entry.plainText === true;
  }

  /** The message with its fix, as the API and the CLI print it. */
  describe(): string {
    return `${this.message} Fix: ${this.fix}`;
  }
}
