import { CollectorError } from '../http/error-registry.js';
import { type CliIo, type Command, line } from './command.js';
import { apps } from './commands/apps.js';
import { deleteUser } from './commands/delete-user.js';
import { exportCommand } from './commands/export.js';
import { generate } from './commands/generate.js';
import { keys } from './commands/keys.js';
import { replay } from './commands/replay.js';
import { serve } from './commands/serve.js';

const COMMANDS: Command[] = [serve, apps, keys, exportCommand, deleteUser, replay, generate];

const USAGE = `Usage: sightline <command> [options]

Sightline collector: a self-hosted Algolia Insights API with an events debugger.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join('\n')}

Run "sightline <command> --help" for a command's options.

Examples:
  sightline serve --port 8420
  sightline keys create --acl analytics
  sightline export --format csv --output events.csv
  sightline replay --url http://127.0.0.1:4280 --shoppers 50 --seed 7`;

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    line(name === undefined ? io.stderr : io.stdout, USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new CollectorError('CLI_USAGE', `Unknown command ${JSON.stringify(name)}.`);
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CollectorError) {
      line(io.stderr, `sightline: ${error.code}: ${error.describe()}`);
      return error.code === 'CLI_USAGE' ? 2 : 1;
    }
    line(io.stderr, `sightline: ${(error as Error)?.message ?? String(error)}`);
    return 1;
  }
}

// Started as the `sightline` binary (bin/sightline.js imports the built dist/cli.js).
// A reader that went away (`sightline keys list | head -1`) is no failure of the command: what it
// still writes is dropped. Any other stdout error stays fatal.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
process.exitCode = code;
if (code !== 0 || process.argv[2] === 'serve') process.exit(code);
