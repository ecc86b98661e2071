/** How much the collector logs. `silent` logs nothing; `info` adds one line per request. */
export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** A structured logger: one JSON object per line. Callers never pass API keys in fields. */
export interface Logger {
  readonly level: LogLevel;
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
}

/** Where log lines go; stdout by default. */
export type LogSink = (line: string) => void;

/** Creates a JSON-lines logger writing lines of `level` and more severe to `sink`. */
export function createLogger(level: LogLevel, sink: LogSink = (line) => process.stdout.write(line)): Logger {
  const write = (at: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[at] > RANK[level]) return;
    sink(`${JSON.stringify({ level: at, time: new Date().toISOString(), msg, ...fields })}\n`);
  };
  return {
    level,
    enabled: (at) => RANK[at] <= RANK[level],
    error: (msg, fields) => write('error', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    debug: (msg, fields) => write('debug', msg, fields),
  };
}
