import { ACLS, parseAcls } from '../../apps/api-keys.js';
import { createKeyFor } from '../../apps/bootstrap.js';
import { CollectorError } from '../../http/error-registry.js';
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

const USAGE = `Usage: sightline keys <create|list|revoke> [options]

  create --acl <list> [--app <id>] [--description <text>]
                           create a key (printed once; only its hash is stored)
  list [--app <id>]        list keys: id, prefix, ACLs, state (never the keys)
  revoke <id>              revoke a key by its id (from keys list)

ACLs: ${ACLS.join(', ')} (admin implies all), comma-separated.
--app may be left out when the store has one application.

Options:
${optionList([...STORE_FLAG_ROWS, ['--json', 'print JSON instead of text'], HELP_ROW])}

Examples:
  sightline keys create --acl analytics --description "dashboard"
  sightline keys revoke 3`;

/** `sightline keys create|list|revoke`. */
export const keys: Command = {
  name: 'keys',
  summary: 'create, list or revoke API keys',
  usage: USAGE,
  async run(argv: string[], io: CliIo) {
    const { values, positionals } = parseFlags(
      'keys',
      argv,
      {
        ...STORE_FLAGS,
        app: { type: 'string' },
        acl: { type: 'string' },
        description: { type: 'string' },
        json: { type: 'boolean' },
      },
      true,
    );
    if (values.help) {
      line(io.stdout, USAGE);
      return 0;
    }
    const [action, ...rest] = positionals;
    if (action === 'create') {
      if (rest.length > 0)
        throw usageError('keys', `Unexpected argument ${JSON.stringify(rest[0])} for sightline keys.`);
      const { acls, unknown } = parseAcls(values.acl ?? '');
      if (unknown.length > 0)
        throw usageError('keys', `Unknown ACL ${unknown.join(', ')}; use ${ACLS.join(', ')}.`);
      if (acls.length === 0) throw usageError('keys', `--acl is required, e.g. --acl search.`);
      return withStore(values, io, async (store) => {
        const appId = await chooseApp(store, values.app);
        const created = await createKeyFor(store, appId, acls, values.description ?? '');
        if (values.json)
          line(io.stdout, JSON.stringify({ id: created.id, appId, acl: acls, key: created.key }));
        else {
          line(io.stdout, created.key);
          line(
            io.stderr,
            `Key ${created.id} for ${appId} with ${acls.join(', ')}: shown this once, only its hash is stored.`,
          );
        }
        return 0;
      });
    }
    if (action === 'list') {
      if (rest.length > 0)
        throw usageError('keys', `Unexpected argument ${JSON.stringify(rest[0])} for sightline keys.`);
      return withStore(
        values,
        io,
        async (store) => {
          const list = await store.listKeys(values.app);
          if (values.json) line(io.stdout, JSON.stringify(list));
          else {
            const rows = [
              ['ID', 'APP', 'PREFIX', 'ACL', 'STATE', 'DESCRIPTION'],
              ...list.map((k) => [
                String(k.id),
                k.appId,
                `${k.prefix}…`,
                k.acl.join(','),
                k.revokedAt ? `revoked ${k.revokedAt}` : 'active',
                k.description,
              ]),
            ];
            const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
            for (const r of rows)
              line(
                io.stdout,
                r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  '),
              );
          }
          return 0;
        },
        { mustExist: true },
      );
    }
    if (action === 'revoke') {
      const id = Number(rest[0]);
      if (rest.length !== 1 || !Number.isSafeInteger(id)) {
        throw usageError('keys', 'Give the key id to revoke, e.g. `sightline keys revoke 3`.');
      }
      return withStore(
        values,
        io,
        async (store) => {
          if (await store.revokeKey(id)) {
            line(io.stdout, `Key ${id} revoked.`);
            return 0;
          }
          const existing = (await store.listKeys()).find((k) => k.id === id);
          if (!existing) throw new CollectorError('CLI_NOT_FOUND', `No key with id ${id}.`);
          line(io.stdout, `Key ${id} was already revoked (at ${existing.revokedAt}).`);
          return 0;
        },
        { mustExist: true },
      );
    }
    throw usageError(
      'keys',
      action === undefined
        ? 'Name an action: create, list or revoke.'
        : `Unknown action ${JSON.stringify(action)}.`,
    );
  },
};
