import { CollectorError } from '../../http/error-registry.js';
import { userTokenProblem } from '../../http/routes/delete-user-token.js';
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

Deletes every event (as userToken or authenticatedUserToken) and tracked search of that user token,
like DELETE /1/usertokens/{userToken}. --app may be left out when the store has one application.

Options:
  --app <id>              application ID
${STORE_FLAGS_USAGE}
  -h, --help              show this help

Example:
  sightline delete-user user-42`;

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
    const problem = userTokenProblem(token);
    if (problem) throw new CollectorError('USER_TOKEN_INVALID', problem);
    return withStore(values, io, async (store) => {
      const appId = await chooseApp(store, values.app);
      const removed = await store.deleteUserToken(appId, token);
      line(
        io.stdout,
        `Deleted ${removed.entries} events and ${removed.searches} searches of ${token} in ${appId}.`,
      );
      return 0;
    });
  },
};
