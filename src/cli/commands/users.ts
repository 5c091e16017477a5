import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import type { User } from '../../domain/user.js';
import type { Store } from '../../store/index.js';
import { checkScrobblePassword, generateScrobblePassword, md5Hex } from '../../domain/scrobble-password.js';
import { credentialsBox } from '../../services/credentials-key.js';
import {
  action,
  addDbOption,
  commandConfig,
  printJson,
  withStoreOrServer,
  type DbOptions,
} from '../shared.js';

interface UserOptions extends DbOptions {
  json?: boolean;
  admin?: boolean;
  privacy?: string;
  tz?: string;
  role?: string;
}

type UserView = Pick<User, 'name' | 'role' | 'privacy' | 'timeZone'>;

/**
 * Accounts and their tokens. Tokens are shown once and stored hashed. While `listenhouse serve`
 * holds the database, every subcommand goes through its REST API (/api/users).
 */
export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('List, add and change users; issue tokens.');

  addDbOption(
    users
      .command('list', { isDefault: true })
      .description('List the users.')
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (options: UserOptions) => {
      const all = await withStoreOrServer<UserView[]>(
        options,
        async (store) => (await store.users.list()).map(view),
        async (client) => (await client.get<{ users: UserView[] }>('/api/users')).users,
      );
      if (options.json) return printJson({ users: all });
      for (const u of all) console.log(`${u.name}  (${u.role}, ${u.privacy}, ${u.timeZone})`);
    }),
  );

  addDbOption(
    users
      .command('add')
      .description('Add a user and print a token for scrobbling clients (shown only now).')
      .argument('<name>', 'user name: letters, digits, . _ -')
      .option('--admin', 'may manage users')
      .option('--json', 'print {"user": …, "token": …}'),
  ).action(
    action(async (name: string, options: UserOptions) => {
      const token = await withStoreOrServer(
        { ...options, create: true },
        (store) =>
          store.transaction(async () => {
            const user = await store.users.add(name, options.admin ? 'admin' : 'user');
            return store.tokens.create(user.id);
          }),
        async (client) =>
          (
            await client.request<{ token: string }>('POST', '/api/users', {
              name,
              admin: Boolean(options.admin),
            })
          ).token,
      );
      if (options.json) return printJson({ user: name, token });
      console.log(
        `Added ${name}. Token (shown only now; give it to your scrobbler as a ListenBrainz token):\n${token}`,
      );
    }),
  );

  addDbOption(
    users
      .command('token')
      .description("Revoke a user's tokens and print a new one.")
      .argument('<name>', 'user name')
      .option('--json', 'print {"user": …, "token": …}'),
  ).action(
    action(async (name: string, options: UserOptions) => {
      const token = await withStoreOrServer(
        options,
        async (store) => store.tokens.rotate((await existing(store, name)).id),
        async (client) =>
          (await client.request<{ token: string }>('POST', `/api/users/${encodeURIComponent(name)}/token`))
            .token,
      );
      if (options.json) return printJson({ user: name, token });
      console.log(`New token for ${name} (the old ones no longer work):\n${token}`);
    }),
  );

  addDbOption(
    users
      .command('set')
      .description("Change a user's privacy, time zone or role.")
      .argument('<name>', 'user name')
      .option('--privacy <privacy>', 'public (anyone may read listens and statistics) or private')
      .option('--tz <zone>', 'IANA time zone, the default for statistics (e.g. Europe/Berlin)')
      .option('--role <role>', 'admin or user')
      .option('--json', 'print the user as JSON'),
  ).action(
    action(async (name: string, options: UserOptions) => {
      const changes = {
        ...(options.privacy !== undefined
          ? { privacy: oneOf(options.privacy, ['public', 'private'], '--privacy') }
          : {}),
        ...(options.role !== undefined ? { role: oneOf(options.role, ['admin', 'user'], '--role') } : {}),
        ...(options.tz !== undefined ? { timeZone: options.tz } : {}),
      };
      if (Object.keys(changes).length === 0)
        throw new AppError('INVALID_INPUT', 'Nothing to change: give --privacy, --tz or --role.');
      const user = await withStoreOrServer<UserView>(
        options,
        async (store) => view(await store.users.update(await existing(store, name), changes)),
        (client) => client.request<UserView>('PATCH', `/api/users/${encodeURIComponent(name)}`, changes),
      );
      if (options.json) return printJson(user);
      console.log(`${user.name}  (${user.role}, ${user.privacy}, ${user.timeZone})`);
    }),
  );

  registerScrobblePassword(users);
}

/**
 * `users scrobble-password NAME [--password PW]`: the password Last.fm clients sign in with
 * (pylast's authToken form needs one; docs/lastfm-api.md). Generated unless given; sealed with the
 * credentials key.
 */
function registerScrobblePassword(users: Command): void {
  addDbOption(
    users
      .command('scrobble-password')
      .description(
        'Set the password Last.fm clients (pylast, …) sign in with; generated and printed unless --password is given.',
      )
      .argument('<name>', 'user name')
      .option('--password <password>', 'choose it (8 characters or more) instead of having one generated')
      .option('--json', 'print {"user": …, "generated": …, "password"?: …}'),
  ).action(
    action(async (name: string, options: UserOptions & { password?: string }) => {
      const chosen = options.password;
      const answer = await withStoreOrServer<{ user: string; generated: boolean; password?: string }>(
        options,
        async (store) => {
          const user = await existing(store, name);
          const password = chosen === undefined ? generateScrobblePassword() : checkScrobblePassword(chosen);
          const box = credentialsBox(commandConfig(options).config.live, store.path);
          await store.scrobblePasswords.set(user.id, box.seal(md5Hex(password)), Date.now());
          return chosen === undefined
            ? { user: user.name, generated: true, password }
            : { user: user.name, generated: false };
        },
        (client) =>
          client.request('POST', `/api/users/${encodeURIComponent(name)}/scrobble-password`, {
            ...(chosen !== undefined ? { password: chosen } : {}),
          }),
      );
      if (options.json) return printJson(answer);
      console.log(
        answer.password !== undefined
          ? `Scrobbling password for ${answer.user} (shown only now; give it to Last.fm clients with the user name ${answer.user}):\n${answer.password}`
          : `Scrobbling password for ${answer.user} set.`,
      );
    }),
  );
}

function view(u: User): UserView {
  return { name: u.name, role: u.role, privacy: u.privacy, timeZone: u.timeZone };
}

async function existing(store: Store, name: string): Promise<User> {
  const user = await store.users.findByName(name);
  if (!user) throw new AppError('NOT_FOUND', `no user "${name}": \`listenhouse users\` lists them`);
  return user;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new AppError('INVALID_INPUT', `${option} ${value}: use ${allowed.join(' or ')}`);
  return value as T;
}
