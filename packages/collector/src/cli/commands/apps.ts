import { generateAppId } from '../../apps/api-keys.js';
import { createKeyFor } from '../../apps/bootstrap.js';
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
import { HELP_ROW, optionList } from '../usage.js';

const USAGE = `Usage: sightline apps <create|list> [options]

  create [--name <name>]   create an application with a search key and an admin key (shown once)
  list                     list applications

Options:
${optionList([...STORE_FLAG_ROWS, ['--json', 'print JSON instead of text'], HELP_ROW])}

Examples:
  sightline apps create --name "My shop"
  sightline apps list --json`;

/** `sightline apps create|list`. */
export const apps: Command = {
  name: 'apps',
  summary: 'create or list applications',
  usage: USAGE,
  async run(argv: string[], io: CliIo) {
    const { values, positionals } = parseFlags(
      'apps',
      argv,
      { ...STORE_FLAGS, name: { type: 'string' }, json: { type: 'boolean' } },
      true,
    );
    if (values.help) {
      line(io.stdout, USAGE);
      return 0;
    }
    const [action, ...rest] = positionals;
    if (rest.length > 0)
      throw usageError('apps', `Unexpected argument ${JSON.stringify(rest[0])} for sightline apps.`);
    if (action === 'list') {
      return withStore(
        values,
        io,
        async (store) => {
          const list = await store.listApps();
          if (values.json) line(io.stdout, JSON.stringify(list));
          else for (const app of list) line(io.stdout, `${app.appId}  ${app.name}  created ${app.createdAt}`);
          return 0;
        },
        { mustExist: true },
      );
    }
    if (action === 'create') {
      if (values.name !== undefined && values.name.trim() === '')
        throw usageError('apps', '--name must not be empty; leave it out for "unnamed".');
      return withStore(values, io, async (store) => {
        const app = await store.createApp({ appId: generateAppId(), name: values.name ?? 'unnamed' });
        const search = await createKeyFor(store, app.appId, ['search'], 'search-only');
        const admin = await createKeyFor(store, app.appId, ['admin'], 'admin');
        if (values.json) {
          line(io.stdout, JSON.stringify({ ...app, searchKey: search.key, adminKey: admin.key }));
        } else {
          line(io.stdout, `application ID  ${app.appId}`);
          line(io.stdout, `search key      ${search.key}`);
          line(io.stdout, `admin key       ${admin.key}`);
          line(io.stderr, 'The keys are shown this once: only their hashes are stored.');
        }
        return 0;
      });
    }
    throw usageError(
      'apps',
      action === undefined ? 'Name an action: create or list.' : `Unknown action ${JSON.stringify(action)}.`,
    );
  },
};
