import { CollectorError } from '../../http/error-registry.js';
import { deletableTokenProblem } from '../../http/routes/delete-user-token.js';
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
import { HELP_ROW, optionList } from '../usage.js';

const USAGE = `Usage: sightline delete-user <userToken> [--app <id>]

Deletes every event, accepted or refused (as userToken or authenticatedUserToken), and tracked
search of that user token, like DELETE /1/usertokens/{userToken}. Any token of 1–512 characters is
accepted, even one the API refuses in events (an e-mail address sent by mistake can be erased).
--app may be left out when the store has one application.

Options:
${optionList([['--app <id>', 'application ID'], ...STORE_FLAG_ROWS, HELP_ROW])}

Example:
  sightline delete-user user-42`;

/** "1 event", "2 events". */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `sightline delete-user <token>`. */
export const deleteUser: Command = {
  name: 'delete-user',
  summary: 'delete all data of one user token (GDPR)',
  usage: USAGE,
  async run(argv: string[], io: CliIo) {
    const { values, positionals } = parseFlags(
      'delete-user',
      argv,
      { ...STORE_FLAGS, app: { type: 'string' } },
      true,
    );
    if (values.help) {
      line(io.stdout, USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw usageError('delete-user', 'Give exactly one user token.');
    const token = positionals[0]!;
    const problem = deletableTokenProblem(token);
    if (problem) throw new CollectorError('USER_TOKEN_INVALID', `${problem} (the <userToken> argument)`);
    return withStore(
      values,
      io,
      async (store) => {
        const appId = await chooseApp(store, values.app);
        const removed = await store.deleteUserToken(appId, token);
        line(
          io.stdout,
          `Deleted ${count(removed.entries, 'event')} and ${count(removed.searches, 'search', 'searches')} of ${token} in ${appId}.`,
        );
        return 0;
      },
      { mustExist: true },
    );
  },
};
