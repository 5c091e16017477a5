import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { createToken, rotateToken } from '../../store/token-repository.js';
import { ensureUser, findUserByName, listUsers } from '../../store/user-repository.js';
import { action, addDbOption, printJson, withDatabase, type DbOptions } from '../shared.js';

interface UserOptions extends DbOptions {
  json?: boolean;
  admin?: boolean;
}

const NAME = /^[\p{L}\p{N}._-]{1,64}$/u;

/** Accounts and their tokens. Tokens are shown once and stored hashed. */
export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('List and add users, issue tokens.');

  addDbOption(
    users
      .command('list', { isDefault: true })
      .description('List the users.')
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (options: UserOptions) => {
      const all = await withDatabase(options, (db) => listUsers(db));
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
      if (!NAME.test(name))
        throw new AppError(
          'INVALID_INPUT',
          `"${name}" is not a user name: use letters, digits, . _ - (at most 64)`,
        );
      const token = await withDatabase(options, async (db) => {
        if (await findUserByName(db, name))
          throw new AppError(
            'CONFLICT',
            `the user ${name} exists already: \`listenhouse users token ${name}\` issues a new token`,
          );
        const { user } = await ensureUser(db, name);
        if (options.admin) await db.run("UPDATE users SET role = 'admin' WHERE id = ?", [user.id]);
        return createToken(db, user.id);
      });
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
      const token = await withDatabase(options, async (db) => {
        const user = await findUserByName(db, name);
        if (!user) throw new AppError('NOT_FOUND', `no user "${name}": \`listenhouse users\` lists them`);
        return rotateToken(db, user.id);
      });
      if (options.json) return printJson({ user: name, token });
      console.log(`New token for ${name} (the old ones no longer work):\n${token}`);
    }),
  );
}
