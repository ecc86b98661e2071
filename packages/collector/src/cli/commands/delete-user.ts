import { CollectorError } from '../../http/error-registry.js';
import { deletableTokenProblem } from '../../http/routes/delete-user-token.js';
import {
  type CliIo,
  type Command,
  chooseApp,
  line,
  parseFlags,
  STORE_FLAGS,
  STORE_FLAGS_USAGE,
  withStore,
} from '../command.js';

const USAGE = `Usage: sightline delete-user <userToken> [--app <id>]

Deletes every event, accepted or refused (as userToken or authenticatedUserToken), and tracked
search of that user token, like DELETE /1/usertokens/{userToken}. Any token of 1–512 characters is
accepted, even one the API refuses in events (an e-mail address sent by mistake can be erased).
--app may be left out when the store has one application.

Options:
  --app <id>              application ID
${STORE_FLAGS_USAGE}
  -h, --help              show this help

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
    const { values, positionals } = parseFlags(argv, { ...STORE_FLAGS, app: { type: 'string' } }, true);
    if (values.help) {
      line(io.stdout, USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new CollectorError('CLI_USAGE', 'Give exactly one user token.');
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
