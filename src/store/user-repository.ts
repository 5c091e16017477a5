import { AppError } from '../domain/errors.js';
import { canonicalTimeZone } from '../domain/time-zone.js';
import { checkUserName, type User } from '../domain/user.js';
import type { Database } from './database.js';
import { num, str, textList } from './rows.js';
import { forgetUser } from './token-repository.js';
import { USER_COLUMNS, toUser } from './user-row.js';

export type { User } from '../domain/user.js';
export { USER_NAME } from '../domain/user.js';
export { toUser } from './user-row.js';

export async function findUserByName(db: Database, name: string): Promise<User | null> {
  const rows = await db.all(`SELECT ${USER_COLUMNS} FROM users WHERE name = ?`, [name]);
  return rows[0] ? toUser(rows[0]) : null;
}

/**
 * A user by the name in a URL, ignoring case as ListenBrainz does; an exact match wins when two
 * listenhouse users differ only in case.
 */
export async function findUserByNameIgnoringCase(db: Database, name: string): Promise<User | null> {
  const rows = await db.all(
    `SELECT ${USER_COLUMNS} FROM users WHERE lower(name) = lower($name)
     ORDER BY name = $name DESC, id LIMIT 1`,
    { name },
  );
  return rows[0] ? toUser(rows[0]) : null;
}

/** The first admin (the oldest), who acts for the server's local credential; null when there is none. */
export async function findFirstAdmin(db: Database): Promise<User | null> {
  const rows = await db.all(`SELECT ${USER_COLUMNS} FROM users WHERE role = 'admin' ORDER BY id LIMIT 1`);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function listUsers(db: Database): Promise<User[]> {
  const rows = await db.all(`SELECT ${USER_COLUMNS} FROM users ORDER BY id`);
  return rows.map(toUser);
}

/** Returns the user, creating it (role 'user', private) when it does not exist yet. */
export async function ensureUser(db: Database, name: string): Promise<{ user: User; created: boolean }> {
  const existing = await findUserByName(db, name);
  if (existing) return { user: existing, created: false };
  await db.run('INSERT INTO users (name) VALUES (?) ON CONFLICT DO NOTHING', [name]);
  const user = await findUserByName(db, name);
  if (!user) throw new Error(`user ${name} could not be created`);
  return { user, created: true };
}

/**
 * The ids of the users named, creating (as ensureUser does) those that do not exist: two statements
 * for the lot, where ensureUser takes three per user (a Kafka batch meets hundreds at once).
 */
export async function ensureUsers(db: Database, names: readonly string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (names.length === 0) return ids;
  const list = textList([...new Set(names)]);
  await db.run(
    `INSERT INTO users (name)
     SELECT name FROM (SELECT unnest(?::VARCHAR[]) AS name) WHERE name NOT IN (SELECT name FROM users)
     ON CONFLICT DO NOTHING`,
    [list],
  );
  const rows = await db.all('SELECT id, name FROM users WHERE list_contains(?::VARCHAR[], name)', [list]);
  for (const row of rows) ids.set(str(row.name, 'users.name'), num(row.id, 'users.id'));
  return ids;
}

/** Adds a user; CONFLICT when the name is taken, INVALID_INPUT when it is not a name. */
export async function addUser(db: Database, name: string, role: User['role'] = 'user'): Promise<User> {
  checkUserName(name);
  return db.transaction(async () => {
    if (await findUserByName(db, name))
      throw new AppError(
        'CONFLICT',
        `The user ${name} exists already; a new token for it: \`listenhouse users token ${name}\`.`,
      );
    await db.run('INSERT INTO users (name, role) VALUES (?, ?)', [name, role]);
    return (await findUserByName(db, name))!;
  });
}

export interface UserChanges {
  privacy?: User['privacy'];
  timeZone?: string;
  role?: User['role'];
}

/** Changes a user's settings; the zone must be an IANA name (it is stored canonical). */
export async function updateUser(db: Database, user: User, changes: UserChanges): Promise<User> {
  const next = {
    privacy: changes.privacy ?? user.privacy,
    role: changes.role ?? user.role,
    timeZone: changes.timeZone === undefined ? user.timeZone : canonicalTimeZone(changes.timeZone),
  };
  await db.run('UPDATE users SET privacy = ?, role = ?, time_zone = ? WHERE id = ?', [
    next.privacy,
    next.role,
    next.timeZone,
    user.id,
  ]);
  // Requests answer a token's user from a short cache: a new role or privacy holds from the next one.
  forgetUser(db, user.id);
  return { ...user, ...next };
}
